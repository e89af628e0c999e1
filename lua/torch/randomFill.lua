-- Torch7's random tensor fills (t:uniform(), t:normal(), ..., torch.rand/randn/randperm)
-- on the generator of random.lua.
local torch = ...
local ffi = require 'ffi'
local R = torch._randomCore
local default, random32, uniform01, normal = R.default, R.random32, R.uniform01, R.normal
local splitGen, isGenerator, fail, number, long = R.splitGen, R.isGenerator, R.fail,
   R.number, R.long
local checkStd, checkBernoulli, checkGeometric = R.checkStd, R.checkBernoulli,
   R.checkGeometric
local FLOAT = R.FLOAT
local M = torch._tensorMethods
local numel, isTensor, info = torch._numel, torch.isTensor, torch._info

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

-- The fill method of distribution `dist` with two optional number parameters (names and
-- defaults as in messages and Torch7), the second checked by `checkSecond` when given.
local function twoParamFill(dist, name1, default1, name2, default2, checkSecond)
   return function(t, ...)
      local T = floatOnly(t, dist)
      local s, p1, p2 = splitGen(...)
      local where = names[T][dist]
      p1 = real(T, number(p1, default1, where, name1))
      p2 = real(T, number(p2, default2, where, name2))
      if checkSecond then checkSecond(p2, where) end
      return fill(t, dist, s, p1, p2)
   end
end

--[[ Fill with uniform numbers in [a, b). ARGS: [gen], [a = 0], [b = 1] RETURN: self ]]
M.uniform = twoParamFill('uniform', 'a', 0, 'b', 1)

--[[ Fill with normal numbers. ARGS: [gen], [mean = 0], [stdv = 1] RETURN: self ]]
M.normal = twoParamFill('normal', 'mean', 0, 'stdv', 1, checkStd)

--[[ Fill with exponential numbers of rate lambda. ARGS: [gen], lambda RETURN: self ]]
function M.exponential(t, ...)
   local T = floatOnly(t, 'exponential')
   local s, lambda = splitGen(...)
   return fill(t, 'exponential', s, real(T, number(lambda, nil, names[T].exponential,
      'lambda')))
end

--[[ Fill with Cauchy numbers. ARGS: [gen], [median = 0], [sigma = 1] RETURN: self ]]
M.cauchy = twoParamFill('cauchy', 'median', 0, 'sigma', 1)

--[[ Fill with log-normal numbers (mean and stdv of the underlying normal).
ARGS: [gen], [mean = 1], [stdv = 2] RETURN: self ]]
M.logNormal = twoParamFill('logNormal', 'mean', 1, 'stdv', 2, checkStd)

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
