-- torch.HalfTensor / torch.HalfStorage: IEEE 754 half precision stored as 16-bit words.
-- Torch7's HalfTensor has geometry, views, copies and type conversions but no math; the
-- same methods are offered here, and elements convert to and from Lua numbers on access.
local torch = ...
local floor, frexp, huge = math.floor, math.frexp, math.huge

--[[ The number encoded by the half-precision bit pattern `h` (0..65535). ]]
function torch._halfToNumber(h)
   h = tonumber(h)
   local sign = h >= 32768 and -1 or 1
   local e = floor(h / 1024) % 32
   local m = h % 1024
   if e == 0 then return sign * m * 2 ^ -24 end
   if e == 31 then
      if m == 0 then return sign * huge end
      return 0 / 0
   end
   return sign * (1 + m / 1024) * 2 ^ (e - 15)
end

local function roundHalfEven(v)
   local f = floor(v)
   local d = v - f
   if d > 0.5 or (d == 0.5 and f % 2 == 1) then return f + 1 end
   return f
end

--[[ The half-precision bit pattern nearest to `x` (ties to even, overflow to infinity). ]]
function torch._numberToHalf(x)
   if x ~= x then return 0x7e00 end
   local sign = 0
   if x < 0 or (x == 0 and 1 / x < 0) then sign, x = 0x8000, -x end
   if x == huge or x >= 65520 then return sign + 0x7c00 end
   if x == 0 then return sign end
   local _, e = frexp(x)       -- x = m * 2^e, m in [0.5, 1)
   local E = e - 1             -- x = (1.f) * 2^E
   if E < -14 then
      return sign + roundHalfEven(x * 2 ^ 24)   -- subnormal (1024 rounds up to the smallest normal)
   end
   local m = roundHalfEven((x / 2 ^ E - 1) * 1024)
   if m == 1024 then m, E = 0, E + 1 end
   if E > 15 then return sign + 0x7c00 end
   return sign + (E + 15) * 1024 + m
end

local M = torch._tensorMethods
local H = torch._halfMethods
for _, name in ipairs({
   'dim', 'nDimension', 'nElement', 'numel', 'size', 'stride', 'storage', 'storageOffset',
   'isContiguous', 'isSameSizeAs', 'isSize', 'isSetTo', 'set', 'resize', 'resizeAs', 'data',
   'cdata', 'type', 'typeAs', 'elementSize', 'retain', 'free', 'narrow', 'select', 'sub',
   'transpose', 't', 'permute', 'unfold', 'expand', 'expandAs', 'squeeze', 'unsqueeze', 'view',
   'viewAs', 'copy', 'clone', 'contiguous', 'isTensor',
}) do
   H[name] = M[name]
end
for _, U in ipairs(torch._allTypes) do H[U.name:lower()] = M[U.name:lower()] end

--[[ Convert to the default tensor type (Torch7's Tensor.real). ]]
function M.real(t) return t:type(torch.getdefaulttensortype()) end
H.real = M.real

--[[ Half tensors print as their float values with the HalfTensor footer. ]]
function H.__tostring__(t)
   local s = tostring(t:float())
   return (s:gsub('torch%.FloatTensor', 'torch.HalfTensor'))
end

--[[ Elements as nested Lua tables (Torch7 gives HalfTensor a totable too). ]]
function H.totable(t)
   return t:float():totable()
end
