-- nn.Jacobian: the finite-difference checks catch wrong gradients.
require 'nn'
local tester = torch.Tester()
local tests = {}

function tests.correctModulesPass()
   torch.manualSeed(71)
   local m = nn.Linear(3, 2)
   local x = torch.Tensor(2, 3)
   tester:assert(nn.Jacobian.testJacobian(m, x) < 1e-6, 'input')
   tester:assert(nn.Jacobian.testJacobianParameters(m, x, m.weight, m.gradWeight) < 1e-6, 'w')
   tester:assert(nn.Jacobian.testJacobianUpdateParameters(m, x, m.bias) < 1e-6, 'update')
end

function tests.wrongGradientsAreCaught()
   local m = nn.Tanh()
   function m.updateGradInput(self, _, gradOutput)
      self.gradInput:resizeAs(gradOutput):copy(gradOutput)
      return self.gradInput
   end
   tester:assert(nn.Jacobian.testJacobian(m, torch.Tensor(4)) > 1e-2, 'a wrong gradient')
   local l = nn.Linear(2, 2)
   function l.accGradParameters() end
   tester:assert(nn.Jacobian.testJacobianParameters(l, torch.Tensor(2), l.weight, l.gradWeight)
      > 1e-2, 'a missing parameter gradient')
end

function tests.forwardShapes()
   local j = nn.Jacobian.forward(nn.Linear(3, 2), torch.rand(3))
   tester:eq(j:size(1), 3, 'rows: inputs')
   tester:eq(j:size(2), 2, 'columns: outputs')
end

tester:add(tests)
return tester
