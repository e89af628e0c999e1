-- Helpers shared by the specs of nn._small: run a call both ways (LuaJIT loops allowed, and
-- every call sent to the array kernels) and compare, and count array-kernel calls.
require 'nn'
local S = nn._small
local K = torch._bridge.K
local SH = {}

-- Per-type tolerance, relative to the largest magnitude: the loops sum in double, BLAS in
-- the tensor's type.
local TOL = { ['torch.DoubleTensor'] = 1e-12, ['torch.FloatTensor'] = 2e-6 }

-- Run f (which writes into the tensors it is given) twice on clones of `args`: once with
-- the loops allowed and once with every call sent to the array kernels; return the two
-- argument lists.
function SH.bothWays(f, args)
   local function cloned()
      local c = {}
      for i, a in pairs(args) do c[i] = torch.isTensor(a) and a:clone() or a end
      return c
   end
   local loop, kernel = cloned(), cloned()
   f(loop)
   local macs, pw = S.LINEAR_MACS, S.POINTWISE
   S.LINEAR_MACS, S.POINTWISE = 0, 0
   local ok, err = pcall(f, kernel)
   S.LINEAR_MACS, S.POINTWISE = macs, pw
   if not ok then error(err, 0) end
   return loop, kernel
end

function SH.assertSame(tester, name, loop, kernel)
   for i, a in pairs(loop) do
      if torch.isTensor(a) then
         local b = kernel[i]
         local scale = b:nElement() > 0 and math.max(1, b:clone():abs():max()) or 1
         local tol = TOL[torch.type(a)] or 0
         tester:assertTensorEq(a, b, tol * scale, name .. ': argument ' .. i)
      end
   end
end

-- Count the calls of array kernel `name` while f runs; also whether f ran without error.
function SH.kernelCalls(name, f)
   local real, n = K[name], 0
   K[name] = function(...)
      n = n + 1
      return real(...)
   end
   local ok = pcall(f)
   K[name] = real
   return n, ok
end

return SH
