-- Bitwise operations (bitand, bitor, bitxor and their tensor forms cbitand, cbitor,
-- cbitxor) on integer tensors, and shifts (lshift, rshift, clshift, crshift). As in TH,
-- shifts work on the unsigned bits of the element type, and shifting a Float or Double
-- tensor multiplies or divides it by a power of two.
local torch = ...
local K = torch._bridge.K
local PW = torch._pointwise
local numel = PW.count
local np = torch._np
local toReal, prepare, ptr, loopable = PW.toReal, PW.prepare, PW.ptr, PW.loopable

-- Integer types small enough for LuaJIT's 32-bit bit operations, with the mask giving
-- their unsigned bits.
local MASK = { Byte = 0xFF, Char = 0xFF, Short = 0xFFFF, Int = -1 }

local function bitLoop(expr)
   return assert(loadstring('local bit = require("bit") return function(d, s, s2, n, v, w) '
      .. 'for i = 0, n - 1 do local a, b = s[i], s2 and s2[i] or v '
      .. 'd[i] = ' .. expr .. ' end end'))()
end

local EXPR = {
   bitand = 'bit.band(a, b)', bitor = 'bit.bor(a, b)', bitxor = 'bit.bxor(a, b)',
   lshift = 'bit.lshift(bit.band(a, w), b)', rshift = 'bit.rshift(bit.band(a, w), b)',
}

local function run(name, kernel, T, res, a, b)
   prepare(res, a)
   local n = numel(res)
   if n == 0 then return res end
   local mask = MASK[T.name]
   local isT = type(b) ~= 'number'
   if mask and (isT and loopable(n, res, a, b) or (not isT and loopable(n, res, a))) then
      local loop = PW._bitLoops[name]
      loop(ptr(res), ptr(a), isT and ptr(b) or nil, n, (not isT) and b or 0, mask)
   else
      K[kernel](name, np(res), np(a), isT and np(b) or b)
   end
   return res
end

PW._bitLoops = {}
for name, expr in pairs(EXPR) do PW._bitLoops[name] = bitLoop(expr) end

for _, name in ipairs({ 'bitand', 'bitor', 'bitxor' }) do
   PW.defScalar(name, function(T, res, src, v)
      PW.checkKind(name, T, 'int')
      return run(name, 'tensor_bitwise', T, res, src, toReal(T, v))
   end)
   PW.defBinary('c' .. name, function(T, res, a, b)
      PW.checkKind('c' .. name, T, 'int')
      PW.checkNumel('c' .. name, T, a, b)
      return run(name, 'tensor_bitwise', T, res, a, b)
   end)
end

for _, name in ipairs({ 'lshift', 'rshift' }) do
   local scale = name == 'lshift' and PW.mulValue or PW.divValue
   PW.defScalar(name, function(T, res, src, v)
      v = toReal(T, v)
      if not T.isint then return scale(T, res, src, toReal(T, 2 ^ v)) end
      return run(name, 'tensor_shift', T, res, src, v)
   end)
   PW.defBinary('c' .. name, function(T, res, a, b)
      PW.checkNumel('c' .. name, T, a, b)
      return run(name, 'tensor_shift', T, res, a, b)
   end)
end
