-- The arithmetic operators of tensors, as upstream's TensorOperator: + - * / % and unary
-- minus, each returning a new tensor (or a number for the dot product of two vectors).
local torch = ...
local M = torch._tensorMethods
local PW = torch._pointwise
local tinfo, rawTensor = PW.tinfo, torch._rawTensor

local function operands(name, a, b)
   local ta, tb = tinfo(a), tinfo(b)
   local T = ta or tb
   if (ta and tb and ta ~= tb) or (ta == nil and type(a) ~= 'number')
         or (tb == nil and type(b) ~= 'number') then
      error(string.format('%s.%s: expected two %ss or one %s and one number, got %s and %s',
         T.tensorName, name, T.tensorName, T.tensorName,
         torch.typename(a) or type(a), torch.typename(b) or type(b)), 3)
   end
   return T, ta, tb
end

function M.__add__(a, b)
   local T, ta, tb = operands('__add__', a, b)
   if ta and tb then return PW.cadd(T, '__add__', rawTensor(T, nil), a, 1, b) end
   if ta then return PW.addValue(T, rawTensor(T, nil), a, b) end
   return PW.addValue(T, rawTensor(T, nil), b, a)
end

function M.__sub__(a, b)
   local T, ta, tb = operands('__sub__', a, b)
   if ta and tb then return PW.cadd(T, '__sub__', rawTensor(T, nil), a, -1, b) end
   if ta then return PW.addValue(T, rawTensor(T, nil), a, -PW.toReal(T, b)) end
   local r = rawTensor(T, nil)
   r:resizeAs(b)
   r:fill(PW.toReal(T, a))
   return PW.cadd(T, '__sub__', r, r, -1, b)
end

function M.__unm__(a)
   local T = tinfo(a)
   return PW.mulValue(T, rawTensor(T, nil), a, -1)
end

function M.__mul__(a, b)
   local T, ta, tb = operands('__mul__', a, b)
   if not (ta and tb) then
      if ta then return PW.mulValue(T, rawTensor(T, nil), a, b) end
      return PW.mulValue(T, rawTensor(T, nil), b, a)
   end
   local da, db = a._nd, b._nd
   if da == 1 and db == 1 then return a:dot(b) end
   local r = rawTensor(T, nil)
   if da == 2 and db == 1 then
      r:resize(a._sz[0]):zero()
      return r:addmv(a, b)
   elseif da == 2 and db == 2 then
      r:resize(a._sz[0], b._sz[1]):zero()
      return r:addmm(a, b)
   end
   error(string.format('%s.__mul__: multiplication between %dD and %dD tensors not yet supported',
      T.tensorName, da, db), 2)
end

local function byNumber(name, impl)
   M[name] = function(a, b)
      local T = tinfo(a)
      if T == nil or type(b) ~= 'number' then
         local U = T or tinfo(b)
         error(string.format('%s.%s: expected a tensor divided by a number, got %s and %s',
            U.tensorName, name, torch.typename(a) or type(a), torch.typename(b) or type(b)), 3)
      end
      return impl(T, rawTensor(T, nil), a, b)
   end
end
byNumber('__div__', PW.divValue)
byNumber('__mod__', function(_, r, a, b) return r:remainder(a, b) end)
