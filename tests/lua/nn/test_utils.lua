-- nn.utils helpers and nn.Jacobian.testAllUpdate.
require 'nn'
local tester = torch.Tester()
local tests = {}

function tests.recursiveFillAndAdd()
   local t = { torch.Tensor(2), { torch.Tensor(3) } }
   nn.utils.recursiveFill(t, 2)
   tester:eq(t[2][1][3], 2)
   local u = { torch.Tensor(2):fill(1), { torch.Tensor(3):fill(1) } }
   nn.utils.recursiveAdd(u, 3, t)
   tester:eq(u[1][2], 7)
   tester:eq(u[2][1][1], 7)
   tester:assertError(function() nn.utils.recursiveFill(5, 1) end)
end

function tests.addSingletonDimensionSharesStorage()
   local t = torch.Tensor({{1, 2, 3}, {4, 5, 6}})
   local v = nn.utils.addSingletonDimension(t, 2)
   tester:assertTableEq(v:size():totable(), {2, 1, 3})
   v[2][1][3] = 60
   tester:eq(t[2][3], 60)
   local out = torch.Tensor()
   nn.utils.addSingletonDimension(out, t, 3)
   tester:assertTableEq(out:size():totable(), {2, 3, 1})
end

function tests.contiguousViewCopiesOnlyWhenNeeded()
   local t = torch.range(1, 6):view(2, 3)
   local v = nn.utils.contiguousView(nil, t, 3, 2)
   tester:assert(v:isSetTo(t:view(3, 2)), 'a contiguous input is viewed, not copied')
   local w = nn.utils.contiguousView(nil, t:t(), 6)
   tester:assertTableEq(w:totable(), {1, 4, 2, 5, 3, 6})
end

function tests.testAllUpdateAgreesForLinear()
   local errors = nn.Jacobian.testAllUpdate(nn.Linear(4, 3), torch.randn(2, 4), 'weight',
      'gradWeight')
   local count = 0
   for name, err in pairs(errors) do
      tester:assertlt(err, 1e-10, name)
      count = count + 1
   end
   tester:eq(count, 4)
end

tester:add(tests)
return tester
