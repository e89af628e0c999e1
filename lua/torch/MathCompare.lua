-- Elementwise comparisons lt, le, gt, ge, eq, ne against a number or a tensor. They give
-- a ByteTensor of 0/1, or fill a given result that is a ByteTensor or of the operand's type.
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local PW = torch._pointwise
local numel = PW.count
local rawTensor, np = torch._rawTensor, torch._np
local tinfo, toReal, prepare, ptr, loopable = PW.tinfo, PW.toReal, PW.prepare, PW.ptr,
   PW.loopable
local Byte = torch._types.Byte

-- Types whose elements read as exact Lua numbers (Long reads as int64 cdata).
local CMP_CLASS = { Double = 'd', Float = 'f', Int = 'i', Short = 'i', Char = 'i', Byte = 'i' }
local OPS = { lt = '<', le = '<=', gt = '>', ge = '>=', eq = '==', ne = '~=' }
local FORMS = '[result,] tensor, number | [result,] tensor1, tensor2'

for name, sym in pairs(OPS) do
   local valueLoops = PW.loops(('(a %s v) and 1 or 0'):format(sym), 'dfi')
   local tensorLoops = PW.loops(('(a %s b) and 1 or 0'):format(sym), 'dfi')

   -- res = (a op b) with b a number or a tensor of a's type; res Byte or of a's type.
   local function compare(T, res, a, b)
      local c = CMP_CLASS[T.name]
      if type(b) == 'number' then
         b = toReal(T, b)
         prepare(res, a)
         local n = numel(res)
         if n == 0 then return res end
         local loop = c and valueLoops[c]
         if loop and loopable(n, res, a) then
            loop(ptr(res), ptr(a), nil, n, b)
         else
            K.tensor_compare_value(name, np(res), np(a), b)
         end
         return res
      end
      PW.checkNumel(name, T, a, b)
      prepare(res, a)
      local n = numel(res)
      if n == 0 then return res end
      local loop = c and tensorLoops[c]
      if loop and loopable(n, res, a, b) then
         loop(ptr(res), ptr(a), ptr(b), n)
      else
         K.tensor_compare(name, np(res), np(a), np(b))
      end
      return res
   end

   local function operand(T, b)
      return type(b) == 'number' or (b ~= nil and tinfo(b) == T)
   end

   M[name] = function(self, a, b)
      local S = tinfo(self)
      if b == nil then
         if operand(S, a) then return compare(S, rawTensor(Byte, nil), self, a) end
      else
         local T = tinfo(a)
         if T ~= nil and (S == Byte or S == T) and operand(T, b) then
            return compare(T, self, a, b)
         end
      end
      PW.badArgs(name, S, FORMS, self, a, b)
   end

   torch[name] = function(r, a, b)
      local R = tinfo(r)
      if b == nil then
         if R ~= nil and operand(R, a) then return compare(R, rawTensor(Byte, nil), r, a) end
      else
         local T = tinfo(a)
         if R ~= nil and T ~= nil and (R == Byte or R == T) and operand(T, b) then
            return compare(T, r, a, b)
         end
      end
      PW.badArgs(name, R, FORMS, r, a, b)
   end
end
