-- Torch7's random numbers: the Mersenne Twister generator (torch.Generator, one default
-- generator shared by every caller, Lua or Python), seeding and state save/restore, the
-- scalar draws (torch.random, torch.uniform, ...), the tensor fills (t:uniform(), ...),
-- torch.rand/randn/randperm and torch.multinomial. The streams are those of Torch7:
-- MT19937 words, uniform = word / 2^32, Box-Muller normals with the second value of each
-- pair cached, and tensors filled element by element in row-major order of their view.
local torch = ...
local ffi = require 'ffi'
local bit = require 'bit'
local band, bor, bxor, lshift, rshift, tobit = bit.band, bit.bor, bit.bxor, bit.lshift,
   bit.rshift, bit.tobit
local floor, ceil, fmod, log, sqrt, sin, cos = math.floor, math.ceil, math.fmod, math.log,
   math.sqrt, math.sin, math.cos
local M = torch._tensorMethods
local numel, isTensor, info = torch._numel, torch.isTensor, torch._info

local N, MM = 624, 397                       -- MT19937 state size and shift
local MATRIX_A, UMASK, LMASK = 0x9908b0df, 0x80000000, 0x7fffffff
local TWO32 = 4294967296
local STATE_BYTES = 5048

-- THGenerator is the byte layout of Torch7's generator (x86-64), used by getRNGState and
-- setRNGState. THGeneratorMT is the working state: the same fields, 32-bit words.
if not pcall(ffi.typeof, 'THGeneratorMT') then
   ffi.cdef [[
typedef struct THGenerator { uint64_t seed; int32_t left; int32_t seeded; uint64_t next;
   uint64_t state[624]; double normalX; double normalY; double normalRho;
   int32_t normalValid; } THGenerator;
typedef struct THGeneratorMT { int64_t seed; int32_t left; int32_t seeded; int32_t next;
   int32_t normalValid; double normalX; double normalY; double normalRho;
   int32_t mt[624]; } THGeneratorMT;
]]
end
assert(ffi.sizeof('THGenerator') == STATE_BYTES)

------------------------------------------------------------------------------------------
-- The generator core. `s` is a THGeneratorMT; every word is kept as a signed int32.

-- (a * b) mod 2^32 for a, b in [0, 2^32), exact in doubles.
local function mul32(a, b)
   local hi, lo = floor(a / 65536), a % 65536
   return ((hi * b) % 65536 * 65536 + lo * b) % TWO32
end

-- Reset `s` and seed it with `seed` (an integer-valued number) as MT19937's init_genrand.
local function seedState(s, seed)
   ffi.fill(s, ffi.sizeof(s))
   seed = fmod(seed, 2 ^ 64)                 -- as a C unsigned long, stored signed
   if seed >= 2 ^ 63 then seed = seed - 2 ^ 64 elseif seed < -2 ^ 63 then seed = seed + 2 ^ 64 end
   s.seed = seed
   local x = fmod(seed, TWO32)
   if x < 0 then x = x + TWO32 end
   s.mt[0] = tobit(x)
   for j = 1, N - 1 do
      x = (mul32(bxor(x, rshift(x, 30)) % TWO32, 1812433253) + j) % TWO32
      s.mt[j] = tobit(x)
   end
   s.left = 1
   s.seeded = 1
end

-- Regenerate the 624 words.
local function nextState(s)
   local mt = s.mt
   for j = 0, N - MM - 1 do
      local v = mt[j + 1]
      local y = bor(band(mt[j], UMASK), band(v, LMASK))
      mt[j] = bxor(mt[j + MM], rshift(y, 1), band(-band(v, 1), MATRIX_A))
   end
   for j = N - MM, N - 2 do
      local v = mt[j + 1]
      local y = bor(band(mt[j], UMASK), band(v, LMASK))
      mt[j] = bxor(mt[j + MM - N], rshift(y, 1), band(-band(v, 1), MATRIX_A))
   end
   local v = mt[0]
   local y = bor(band(mt[N - 1], UMASK), band(v, LMASK))
   mt[N - 1] = bxor(mt[MM - 1], rshift(y, 1), band(-band(v, 1), MATRIX_A))
   s.left = N
   s.next = 0
end

-- The next 32-bit word, as a number in [0, 2^32).
local function random32(s)
   local left = s.left - 1
   if left == 0 then nextState(s) else s.left = left end
   local i = s.next
   local y = s.mt[i]
   s.next = i + 1
   y = bxor(y, rshift(y, 11))
   y = bxor(y, band(lshift(y, 7), 0x9d2c5680))
   y = bxor(y, band(lshift(y, 15), 0xefc60000))
   y = bxor(y, rshift(y, 18))
   return y % TWO32
end

-- A uniform number in [0, 1) with 32 random bits.
local function uniform01(s)
   return random32(s) * (1 / TWO32)
end

local TWO_PI = 2 * math.pi
-- A normal number (Box-Muller; the second value of each pair is kept for the next call).
local function normal(s, mean, std)
   if s.normalValid == 0 then
      s.normalX = uniform01(s)
      s.normalY = uniform01(s)
      s.normalRho = sqrt(-2 * log(1 - s.normalY))
      s.normalValid = 1
      return s.normalRho * cos(TWO_PI * s.normalX) * std + mean
   end
   s.normalValid = 0
   return s.normalRho * sin(TWO_PI * s.normalX) * std + mean
end

-- A seed from /dev/urandom (53 bits, so that manualSeed(initialSeed()) repeats the
-- stream), or from the clock where that device is missing.
local function systemSeed()
   local f = io.open('/dev/urandom', 'rb')
   local bytes = f and f:read(7)
   if f then f:close() end
   if bytes == nil or #bytes < 7 then
      return (os.time() * 1000003 + floor(os.clock() * 1e6)) % 2 ^ 53
   end
   local x = bytes:byte(1) % 32
   for i = 2, 7 do x = x * 256 + bytes:byte(i) end
   return x
end

------------------------------------------------------------------------------------------
-- torch.Generator

local Generator = torch.class('torch.Generator')
local GeneratorMT = torch.getmetatable('torch.Generator')

--[[ A new random generator with its own state, seeded from the system. ]]
function Generator:__init()
   self._s = ffi.new('THGeneratorMT')
   seedState(self._s, systemSeed())
end

local function isGenerator(x)
   return type(x) == 'table' and getmetatable(x) == GeneratorMT
end

local default = torch.Generator()
torch._gen = default

--[[ The default generator (the one used when no generator is passed).
RETURN: torch.Generator ]]
function torch._defaultGenerator()
   return default
end

-- The working state of the generator at the front of `...` (or the default one), then the
-- remaining arguments.
local function splitGen(...)
   local g = ...
   if isGenerator(g) then return g._s, select(2, ...) end
   return default._s, ...
end

-- The state of the optional generator argument `g` of function `where`.
local function onlyGen(g, where)
   if g == nil then return default._s end
   if not isGenerator(g) then
      error(string.format('%s: expected a torch.Generator or nothing, got %s', where,
         torch.type(g)), 3)
   end
   return g._s
end

local function fail(where, fmt, ...)
   error(where .. ': ' .. string.format(fmt, ...), 3)
end

-- `x` as a number (or `dflt` when nil), checked.
local function number(x, dflt, where, what)
   if x == nil then x = dflt end
   if type(x) ~= 'number' then
      if x == nil then fail(where, 'missing argument %s (a number)', what) end
      fail(where, '%s must be a number, got %s', what, torch.type(x))
   end
   return x
end

-- `x` converted to a C long (truncated toward zero).
local function long(x, where, what)
   x = number(x, nil, where, what)
   if x ~= x or x == math.huge or x == -math.huge then
      fail(where, '%s must be a finite number, got %s', what, tostring(x))
   end
   return x >= 0 and floor(x) or ceil(x)
end

--[[ Seed a generator with a number from the system.
ARGS: [gen]
RETURN: the seed (number) ]]
function torch.seed(gen)
   local s = onlyGen(gen, 'torch.seed')
   local seed = systemSeed()
   seedState(s, seed)
   return seed
end

--[[ Seed a generator with `seed` (only its low 32 bits choose the stream); this also drops
the cached normal value.
ARGS: [gen], seed (number) ]]
function torch.manualSeed(...)
   local s, seed = splitGen(...)
   seedState(s, long(seed, 'torch.manualSeed', 'seed'))
end

--[[ The seed a generator was last seeded with.
ARGS: [gen]
RETURN: number ]]
function torch.initialSeed(gen)
   local s = onlyGen(gen, 'torch.initialSeed')
   return tonumber(s.seed)
end

local function byteTensorArg(x, where)
   if not isTensor(x) or info(x).name ~= 'Byte' then
      fail(where, 'the state must be a torch.ByteTensor, got %s', torch.type(x))
   end
   return x
end

-- Write the state `s` into ByteTensor `res` in Torch7's layout.
local function saveState(s, res, where)
   res:resize(STATE_BYTES)
   if not res:isContiguous() then fail(where, 'the RNG state tensor must be contiguous') end
   local L = ffi.new('THGenerator')
   L.seed = s.seed
   L.left, L.seeded, L.next = s.left, s.seeded, s.next
   for j = 0, N - 1 do L.state[j] = s.mt[j] % TWO32 end
   L.normalX, L.normalY, L.normalRho = s.normalX, s.normalY, s.normalRho
   L.normalValid = s.normalValid
   ffi.copy(res._st._data + res._off, L, STATE_BYTES)
   return res
end

-- Load state `s` from ByteTensor `t` in Torch7's layout.
local function loadState(s, t, where)
   if numel(t) ~= STATE_BYTES then
      fail(where, 'the RNG state has %d bytes, expected %d', numel(t), STATE_BYTES)
   end
   if not t:isContiguous() then fail(where, 'the RNG state tensor must be contiguous') end
   local L = ffi.new('THGenerator')
   ffi.copy(L, t._st._data + t._off, STATE_BYTES)
   local left, nxt = L.left, tonumber(L.next)
   if L.seeded ~= 1 or left < 1 or left > N or nxt > N or (left > 1 and left + nxt > N + 1) then
      fail(where, 'invalid RNG state (seeded=%d, left=%d, next=%d)', L.seeded, left, nxt)
   end
   s.seed = L.seed
   s.left, s.seeded, s.next = left, 1, nxt
   for j = 0, N - 1 do s.mt[j] = tobit(tonumber(L.state[j] % TWO32)) end
   s.normalX, s.normalY, s.normalRho = L.normalX, L.normalY, L.normalRho
   s.normalValid = L.normalValid ~= 0 and 1 or 0
end

--[[ The state of a generator as a ByteTensor of 5048 bytes (Torch7's layout).
ARGS: [gen], [res (ByteTensor to fill)]
RETURN: the ByteTensor ]]
function torch.getRNGState(...)
   local s, res = splitGen(...)
   if res == nil then res = torch.ByteTensor() end
   return saveState(s, byteTensorArg(res, 'torch.getRNGState'), 'torch.getRNGState')
end

--[[ Restore a generator from a state returned by getRNGState (including the cached
normal value).
ARGS: [gen], state (ByteTensor)
RETURN: state ]]
function torch.setRNGState(...)
   local s, state = splitGen(...)
   loadState(s, byteTensorArg(state, 'torch.setRNGState'), 'torch.setRNGState')
   return state
end

--[[ Write the generator to a torch.File (5048 raw bytes, as Torch7). ]]
function Generator:write(file)
   file:writeByte(saveState(self._s, torch.ByteTensor(), 'torch.Generator.write'):storage())
end

--[[ Read the generator from a torch.File. ]]
function Generator:read(file)
   self._s = self._s or ffi.new('THGeneratorMT')
   local st = file:readByte(STATE_BYTES)
   loadState(self._s, torch.ByteTensor(st), 'torch.Generator.read')
end

------------------------------------------------------------------------------------------
-- Scalar draws. torch.random, torch.uniform, ... given a tensor first fill that tensor.

local function checkStd(std, where)
   if std > 0 then return end   -- NaN fails too
   fail(where, 'standard deviation must be strictly positive, got %s', tostring(std))
end

local function checkBernoulli(p, where)
   if not (p >= 0 and p <= 1) then
      fail(where, 'probability p must be in [0, 1], got %s', tostring(p))
   end
end

local function checkGeometric(p, where)
   if not (p > 0 and p < 1) then
      fail(where, 'probability p must be in (0, 1), got %s', tostring(p))
   end
end

local scalar = {}

--[[ torch.random([gen,] [a], [b]): a 32-bit word (no bounds), an integer in [1, b] or an
integer in [a, b]. ]]
function scalar.random(s, a, b)
   local where = 'torch.random'
   if a == nil then return random32(s) end
   a = long(a, where, 'bound a')
   if b == nil then
      if a <= 0 then fail(where, 'upper bound must be strictly positive, got %d', a) end
      return random32(s) % a + 1
   end
   b = long(b, where, 'bound b')
   if b < a then fail(where, 'upper bound must be larger than lower bound, got [%d, %d]', a, b) end
   return random32(s) % (b + 1 - a) + a
end

--[[ torch.uniform([gen,] [a = 0], [b = 1]): a number in [a, b). ]]
function scalar.uniform(s, a, b)
   a = number(a, 0, 'torch.uniform', 'a')
   b = number(b, 1, 'torch.uniform', 'b')
   return uniform01(s) * (b - a) + a
end

--[[ torch.normal([gen,] [mean = 0], [stdv = 1]). ]]
function scalar.normal(s, mean, std)
   mean = number(mean, 0, 'torch.normal', 'mean')
   std = number(std, 1, 'torch.normal', 'stdv')
   checkStd(std, 'torch.normal')
   return normal(s, mean, std)
end

--[[ torch.exponential([gen,] lambda). ]]
function scalar.exponential(s, lambda)
   lambda = number(lambda, nil, 'torch.exponential', 'lambda')
   return -1 / lambda * log(1 - uniform01(s))
end

--[[ torch.cauchy([gen,] [median = 0], [sigma = 1]). ]]
function scalar.cauchy(s, median, sigma)
   median = number(median, 0, 'torch.cauchy', 'median')
   sigma = number(sigma, 1, 'torch.cauchy', 'sigma')
   return median + sigma * math.tan(math.pi * (uniform01(s) - 0.5))
end

--[[ torch.logNormal([gen,] [mean = 1], [stdv = 2]): exp of a normal number of that mean
and standard deviation. ]]
function scalar.logNormal(s, mean, std)
   mean = number(mean, 1, 'torch.logNormal', 'mean')
   std = number(std, 2, 'torch.logNormal', 'stdv')
   checkStd(std, 'torch.logNormal')
   return math.exp(normal(s, mean, std))
end

--[[ torch.geometric([gen,] p): an integer i >= 1 with probability (1-p) p^(i-1). ]]
function scalar.geometric(s, p)
   p = number(p, nil, 'torch.geometric', 'p')
   checkGeometric(p, 'torch.geometric')
   return floor(log(1 - uniform01(s)) / log(p)) + 1
end

--[[ torch.bernoulli([gen,] [p = 0.5]): 1 with probability p, else 0. ]]
function scalar.bernoulli(s, p)
   p = number(p, 0.5, 'torch.bernoulli', 'p')
   checkBernoulli(p, 'torch.bernoulli')
   return uniform01(s) <= p and 1 or 0
end

for name, f in pairs(scalar) do
   torch[name] = function(...)
      local a = ...
      if isTensor(a) then return a[name](...) end
      return f(splitGen(...))
   end
end

------------------------------------------------------------------------------------------
-- Tensor fills: one LuaJIT loop per distribution and element type, over the FFI pointer,
-- in row-major order of the tensor's view.

local LOOP = [[
local random32, uniform01, normal = ...
local floor, log, exp, tan, pi = math.floor, math.log, math.exp, math.tan, math.pi
return function(s, data, off, n, stride, v, w, pp, k0)
   for k = k0, k0 + n - 1 do
      local x = $DRAW
      data[off] = $STORE
      off = off + stride
   end
end
]]

-- Per distribution: the draw (parameters v, w; pp[k] a probability per element) and how
-- the result reaches the element type ('x' as is, 'wrap' a C cast of an integer, 'u' a C
-- cast of an unsigned long).
local DRAWS = {
   random = { 'random32(s) % v', 'x' },
   random1 = { 'random32(s) % v + 1', 'u' },
   random2 = { 'random32(s) % v + w', 'u' },
   uniform = { 'uniform01(s) * (w - v) + v', 'x' },
   normal = { 'normal(s, v, w)', 'x' },
   exponential = { '-1 / v * log(1 - uniform01(s))', 'x' },
   cauchy = { 'v + w * tan(pi * (uniform01(s) - 0.5))', 'x' },
   logNormal = { 'exp(normal(s, v, w))', 'x' },
   geometric = { 'floor(log(1 - uniform01(s)) / log(v)) + 1', 'wrap' },
   bernoulli = { '(uniform01(s) <= v) and 1 or 0', 'x' },
   bernoulliTensor = { '(uniform01(s) <= pp[k]) and 1 or 0', 'x' },
}

local WRAP = {
   Byte = 'x % 256', Char = '(x + 128) % 256 - 128', Short = '(x + 32768) % 65536 - 32768',
   Int = '(x + 2147483648) % 4294967296 - 2147483648', Long = 'x', Float = 'x', Double = 'x',
}
local UNSIGNED = 'x < 0 and x + 18446744073709551616 or x'

-- torch.XTensor:random() keeps word % MOD (Torch7's per-type ranges).
local RANDOM_MOD = {
   Byte = 256, Char = 128, Short = 32768, Int = 2 ^ 31, Long = 2 ^ 63,
   Float = 2 ^ 24 + 1, Double = 2 ^ 53 + 1,
}

-- Compile the loop of distribution `dist` for element type T.
local function compileLoop(dist, T)
   local draw, kind = DRAWS[dist][1], DRAWS[dist][2]
   local store = 'x'
   if kind == 'wrap' or (kind == 'u' and T.isint) then store = WRAP[T.name]
   elseif kind == 'u' then store = UNSIGNED end
   local src = LOOP:gsub('%$DRAW', (draw:gsub('%%', '%%%%')))
      :gsub('%$STORE', (store:gsub('%%', '%%%%')))
   return assert(loadstring(src, '=torch.random.' .. dist .. T.name))(random32, uniform01,
      normal)
end

local loops, names = {}, {}   -- T -> dist -> loop function, and its name for errors
for _, T in ipairs(torch._typeList) do
   loops[T], names[T] = {}, {}
   for dist in pairs(DRAWS) do names[T][dist] = T.tensorName .. '.' .. dist end
   for _, m in ipairs({ 'rand', 'randn', 'randperm' }) do names[T][m] = T.tensorName .. '.' .. m end
end

-- Fill tensor `t` from distribution `dist` with generator state `s`. RETURN: t
local function fill(t, dist, s, v, w, pp)
   local nd = t._nd
   if nd == 0 then return t end
   local T = info(t)
   local loop = loops[T][dist]
   if loop == nil then
      loop = compileLoop(dist, T)
      loops[T][dist] = loop
   end
   torch._checkBounds(t, names[T][dist])
   local data, off = t._st._data, t._off
   if t:isContiguous() then
      loop(s, data, off, numel(t), 1, v, w, pp, 0)
      return t
   end
   local last = nd - 1
   local n, stride = t._sz[last], t._sd[last]
   local count = {}
   for d = 0, last - 1 do count[d] = 0 end
   local k = 0
   while true do
      loop(s, data, off, n, stride, v, w, pp, k)
      k = k + n
      local d = last - 1
      while d >= 0 do
         count[d] = count[d] + 1
         off = off + t._sd[d]
         if count[d] < t._sz[d] then break end
         off = off - t._sd[d] * t._sz[d]
         count[d] = 0
         d = d - 1
      end
      if d < 0 then return t end
   end
end

local FLOAT = { Double = true, Float = true }
local fbuf = ffi.new('float[1]')

-- `x` as the element type of T (Float tensors take float parameters, as Torch7).
local function real(T, x)
   if T.name == 'Float' then
      fbuf[0] = x
      return fbuf[0]
   end
   return x
end

-- The type info of tensor `t`, checked to be Float or Double.
local function floatOnly(t, name)
   local T = info(t)
   if not FLOAT[T.name] then
      fail(T.tensorName .. '.' .. name, 'only available for Float and Double tensors')
   end
   return T
end

--[[ Fill with random integers: words reduced to the type's range, [1, b] or [a, b].
ARGS: [gen], [a], [b]
RETURN: self ]]
function M.random(t, ...)
   local T = info(t)
   local s, a, b = splitGen(...)
   local where = names[T].random
   if a == nil then return fill(t, 'random', s, RANDOM_MOD[T.name]) end
   a = long(a, where, 'bound a')
   if b == nil then
      if a <= 0 then fail(where, 'upper bound must be strictly positive, got %d', a) end
      return fill(t, 'random1', s, a)
   end
   b = long(b, where, 'bound b')
   if b < a then fail(where, 'upper bound must be larger than lower bound, got [%d, %d]', a, b) end
   return fill(t, 'random2', s, b + 1 - a, a)
end

--[[ Fill with uniform numbers in [a, b). ARGS: [gen], [a = 0], [b = 1] RETURN: self ]]
function M.uniform(t, ...)
   local T = floatOnly(t, 'uniform')
   local s, a, b = splitGen(...)
   local where = names[T].uniform
   return fill(t, 'uniform', s, real(T, number(a, 0, where, 'a')),
      real(T, number(b, 1, where, 'b')))
end

--[[ Fill with normal numbers. ARGS: [gen], [mean = 0], [stdv = 1] RETURN: self ]]
function M.normal(t, ...)
   local T = floatOnly(t, 'normal')
   local s, mean, std = splitGen(...)
   local where = names[T].normal
   mean, std = real(T, number(mean, 0, where, 'mean')), real(T, number(std, 1, where, 'stdv'))
   checkStd(std, where)
   return fill(t, 'normal', s, mean, std)
end

--[[ Fill with exponential numbers of rate lambda. ARGS: [gen], lambda RETURN: self ]]
function M.exponential(t, ...)
   local T = floatOnly(t, 'exponential')
   local s, lambda = splitGen(...)
   return fill(t, 'exponential', s, real(T, number(lambda, nil, names[T].exponential,
      'lambda')))
end

--[[ Fill with Cauchy numbers. ARGS: [gen], [median = 0], [sigma = 1] RETURN: self ]]
function M.cauchy(t, ...)
   local T = floatOnly(t, 'cauchy')
   local s, median, sigma = splitGen(...)
   local where = names[T].cauchy
   return fill(t, 'cauchy', s, real(T, number(median, 0, where, 'median')),
      real(T, number(sigma, 1, where, 'sigma')))
end

--[[ Fill with log-normal numbers (mean and stdv of the underlying normal).
ARGS: [gen], [mean = 1], [stdv = 2] RETURN: self ]]
function M.logNormal(t, ...)
   local T = floatOnly(t, 'logNormal')
   local s, mean, std = splitGen(...)
   local where = names[T].logNormal
   mean, std = real(T, number(mean, 1, where, 'mean')), real(T, number(std, 2, where, 'stdv'))
   checkStd(std, where)
   return fill(t, 'logNormal', s, mean, std)
end

--[[ Fill with geometric integers. ARGS: [gen], p (in (0, 1)) RETURN: self ]]
function M.geometric(t, ...)
   local T = info(t)
   local s, p = splitGen(...)
   local where = names[T].geometric
   p = number(p, nil, where, 'p')
   checkGeometric(p, where)
   return fill(t, 'geometric', s, p)
end

--[[ Fill with 0/1 draws: 1 with probability p (a number, or a Float/Double tensor with one
probability per element, in row-major order). ARGS: [gen], [p = 0.5] RETURN: self ]]
function M.bernoulli(t, ...)
   local T = info(t)
   local s, p = splitGen(...)
   local where = names[T].bernoulli
   if not isTensor(p) then
      p = number(p, 0.5, where, 'p')
      checkBernoulli(p, where)
      return fill(t, 'bernoulli', s, p)
   end
   local P = info(p)
   if not FLOAT[P.name] then
      fail(where, 'probabilities must be a torch.FloatTensor or torch.DoubleTensor, got %s',
         P.tensorName)
   end
   local n = numel(t)
   if numel(p) ~= n then
      fail(where, 'inconsistent tensor sizes: %d elements to fill, %d probabilities', n,
         numel(p))
   end
   if n == 0 then return t end
   local pc = p:contiguous()
   local pp = pc._st._data + pc._off
   for k = 0, n - 1 do
      local q = pp[k]
      if not (q >= 0 and q <= 1) then
         fail(where, 'probability %d is %s, not in [0, 1]', k + 1, tostring(q))
      end
   end
   fill(t, 'bernoulliTensor', s, nil, nil, pp)
   return t
end

-- The generator state and the first size argument of `...` for rand/randn.
local function sizedFill(t, name, dist, ...)
   local T = floatOnly(t, name)
   local s, first = default._s, 1
   local g = ...
   if isGenerator(g) then s, first = g._s, 2 end
   local nd, sz = torch._parseSizes(names[T][name], first, ...)
   torch._resizeNd(t, nd, sz)
   return fill(t, dist, s, 0, 1)
end

--[[ Resize to the given sizes and fill with uniform numbers in [0, 1).
ARGS: [gen], sizes (numbers or a LongStorage) RETURN: self ]]
function M.rand(t, ...)
   return sizedFill(t, 'rand', 'uniform', ...)
end

--[[ Resize to the given sizes and fill with standard normal numbers.
ARGS: [gen], sizes (numbers or a LongStorage) RETURN: self ]]
function M.randn(t, ...)
   return sizedFill(t, 'randn', 'normal', ...)
end

--[[ Resize to n and fill with a random permutation of 1..n.
ARGS: [gen], n RETURN: self ]]
function M.randperm(t, ...)
   local T = info(t)
   local s, n = splitGen(...)
   local where = names[T].randperm
   n = long(n, where, 'n')
   if n <= 0 then fail(where, 'n must be strictly positive, got %d', n) end
   torch._resizeNd(t, 1, { n })
   local data, off, st = t._st._data, t._off, t._sd[0]
   for i = 0, n - 1 do data[off + i * st] = i end
   for i = 0, n - 2 do
      local z = random32(s) % (n - i)
      local p, q = off + i * st, off + (z + i) * st
      data[p], data[q] = data[q], data[p]
   end
   for i = 0, n - 1 do
      local p = off + i * st
      data[p] = data[p] + 1
   end
   return t
end

-- torch.rand/randn/randperm([res,] [gen,] ...): into res, or a new default-type tensor.
for _, name in ipairs({ 'rand', 'randn', 'randperm' }) do
   torch[name] = function(...)
      local a = ...
      if isTensor(a) then return a[name](...) end
      return M[name](torch.Tensor(), ...)
   end
end

------------------------------------------------------------------------------------------
-- torch.multinomial

-- Check that every row of probabilities (rows x cats, strides rs, cs) is a distribution.
local function checkDistribution(pdata, poff, rows, cats, rs, cs, where)
   for r = 0, rows - 1 do
      local sum = 0
      for j = 0, cats - 1 do
         local q = tonumber(pdata[poff + r * rs + j * cs])
         if q ~= q or q < 0 then
            fail(where, 'invalid multinomial distribution: probability %s (row %d, column %d) ' ..
               'is negative or NaN', tostring(q), r + 1, j + 1)
         end
         sum = sum + q
      end
      if sum ~= sum or sum <= 0 then
         fail(where, 'invalid multinomial distribution: the probabilities of row %d sum to %s',
            r + 1, tostring(sum))
      end
   end
end

-- Draw `count` samples from row `r` into res[r] (1-based category indices).
local function drawRow(s, cum, pdata, base, cats, cs, count, repl, rdata, roff, rsd)
   local sum = 0
   for j = 0, cats - 1 do
      sum = sum + tonumber(pdata[base + j * cs])
      cum[j] = sum
   end
   for j = 0, cats - 1 do cum[j] = cum[j] / sum end
   for k = 0, count - 1 do
      local u = uniform01(s)
      cum[cats - 1] = 1
      local lo, hi = 0, cats
      while hi > lo do
         local mid = lo + floor((hi - lo) / 2)
         if cum[mid] < u then lo = mid + 1 else hi = mid end
      end
      rdata[roff + k * rsd] = lo + 1
      if not repl then
         local diff = cum[lo] - (lo > 0 and cum[lo - 1] or 0)
         local total = 1 - diff
         for j = 0, cats - 1 do
            local c = cum[j]
            if j >= lo then c = c - diff end
            cum[j] = c / total
         end
      end
   end
end

--[[ Draw category indices from the distributions in the rows of `probs` (need not sum
to one): for each row, `n` samples, with or without replacement.
ARGS: [res (LongTensor)], [gen], probs (Float/DoubleTensor, 1-D or 2-D), n,
      [replacement = false]
RETURN: LongTensor of size n (1-D probs) or rows x n ]]
function torch.multinomial(...)
   local where = 'torch.multinomial'
   local args = { ... }
   local i, res, s = 1, nil, default._s
   if isTensor(args[1]) and (isTensor(args[2]) or isGenerator(args[2])) then
      res, i = args[1], 2
   end
   if isGenerator(args[i]) then s, i = args[i]._s, i + 1 end
   local probs, count, repl = args[i], args[i + 1], args[i + 2]
   if not isTensor(probs) or not FLOAT[info(probs).name] then
      fail(where, 'probabilities must be a torch.FloatTensor or torch.DoubleTensor, got %s',
         torch.type(probs))
   end
   if res == nil then
      res = torch.LongTensor()
   elseif info(res).name ~= 'Long' then
      fail(where, 'the result must be a torch.LongTensor, got %s', torch.type(res))
   end
   count = long(count, where, 'the number of samples')
   if repl == nil then repl = false end
   if type(repl) ~= 'boolean' then
      fail(where, 'replacement must be a boolean, got %s', torch.type(repl))
   end
   local nd = probs._nd
   if nd ~= 1 and nd ~= 2 then
      fail(where, 'probabilities must be a vector or a matrix, got %d dimensions', nd)
   end
   local rows, cats = nd == 1 and 1 or probs._sz[0], probs._sz[nd - 1]
   local rs, cs = nd == 1 and 0 or probs._sd[0], probs._sd[nd - 1]
   if count <= 0 then fail(where, 'the number of samples must be positive, got %d', count) end
   if not repl and count > cats then
      fail(where, 'cannot draw %d samples without replacement from %d categories', count, cats)
   end
   torch._checkBounds(probs, where)
   local pdata, poff = probs._st._data, probs._off
   checkDistribution(pdata, poff, rows, cats, rs, cs, where)
   if nd == 1 then
      torch._resizeNd(res, 1, { count })
   else
      torch._resizeNd(res, 2, { rows, count })
   end
   local rdata, rsd = res._st._data, res._sd[res._nd - 1]
   local cum = ffi.new('double[?]', cats)
   for r = 0, rows - 1 do
      local roff = res._off + (nd == 2 and r * res._sd[0] or 0)
      drawRow(s, cum, pdata, poff + r * rs, cats, cs, count, repl, rdata, roff, rsd)
   end
   return res
end
