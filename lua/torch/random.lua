-- Torch7's random numbers: the Mersenne Twister generator (torch.Generator, one default
-- generator shared by every caller, Lua or Python), seeding and state save/restore, and
-- the scalar draws (torch.random, torch.uniform, ...). The tensor fills are in
-- randomFill.lua and torch.multinomial in randomMultinomial.lua. The streams are those of
-- Torch7: MT19937 words, uniform = word / 2^32, Box-Muller normals with the second value
-- of each pair cached, and tensors filled element by element in row-major order of their
-- view.
local torch = ...
local ffi = require 'ffi'
local bit = require 'bit'
local band, bor, bxor, lshift, rshift, tobit = bit.band, bit.bor, bit.bxor, bit.lshift,
   bit.rshift, bit.tobit
local floor, ceil, fmod, log, sqrt, sin, cos = math.floor, math.ceil, math.fmod, math.log,
   math.sqrt, math.sin, math.cos
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

-- What the tensor fills (randomFill.lua) and torch.multinomial (randomMultinomial.lua) use.
torch._randomCore = {
   default = default, random32 = random32, uniform01 = uniform01, normal = normal,
   splitGen = splitGen, isGenerator = isGenerator, fail = fail, number = number, long = long,
   checkStd = checkStd, checkBernoulli = checkBernoulli, checkGeometric = checkGeometric,
   FLOAT = { Double = true, Float = true },
}
