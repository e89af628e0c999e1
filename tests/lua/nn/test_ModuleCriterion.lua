-- nn.ModuleCriterion: a criterion applied after an input module and a target module.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.matchesModuleThenCriterion()
   torch.manualSeed(7)
   local input, target = torch.randn(5, 3), torch.randn(5, 3)
   local mc = nn.ModuleCriterion(nn.MSECriterion(), nn.Tanh())
   local loss = mc:forward(input, target)
   local gi = mc:backward(input, target):clone()
   local tanh, mse = nn.Tanh(), nn.MSECriterion()
   local y = tanh:forward(input)
   tester:eq(loss, mse:forward(y, target), 'loss')
   local expected = tanh:backward(input, mse:backward(y, target))
   tester:eq(H.maxDiff(gi, expected), 0, 'gradient through the input module')
end

function tests.targetModuleTransformsTarget()
   local input, target = torch.Tensor({ 1, 2 }), torch.Tensor({ 2, 4 })
   local mc = nn.ModuleCriterion(nn.AbsCriterion(), nil, nn.MulConstant(0.5))
   tester:eq(mc:forward(input, target), 0, 'target halved equals input')
   tester:eq(H.maxDiff(mc.target, input), 0, 'target kept in self.target')
end

function tests.withoutModulesIsTheCriterion()
   local input, target = torch.Tensor({ 1, 3 }), torch.Tensor({ 0, 0 })
   local mc = nn.ModuleCriterion(nn.MSECriterion())
   tester:eq(mc:forward(input, target), 5, 'loss')
   tester:eq(H.maxDiff(mc:backward(input, target), torch.Tensor({ 1, 3 })), 0, 'gradient')
end

function tests.jacobian()
   torch.manualSeed(3)
   local mc = nn.ModuleCriterion(nn.MSECriterion(), nn.Sigmoid(), nn.Tanh())
   H.criterionJacobian(tester, mc, torch.rand(3, 4):mul(4):add(-2), torch.randn(3, 4))
end

function tests.typeHonoursCastTarget()
   local mc = nn.ModuleCriterion(nn.MSECriterion(), nn.Tanh(), nn.Identity(), false)
   mc:float()
   tester:eq(torch.type(mc.inputModule.output), 'torch.FloatTensor', 'input module cast')
   tester:eq(torch.type(mc.criterion.gradInput), 'torch.FloatTensor', 'criterion cast')
   tester:eq(torch.type(mc.targetModule.output), 'torch.DoubleTensor', 'target module kept')
   local cast = nn.ModuleCriterion(nn.MSECriterion(), nil, nn.Identity()):float()
   tester:eq(torch.type(cast.targetModule.output), 'torch.FloatTensor', 'target module cast')
   local loss = mc:forward(torch.FloatTensor({ 0 }), torch.Tensor({ 0 }):float())
   tester:eq(loss, 0, 'float loss')
end

function tests.errors()
   tester:assertErrorPattern(function() nn.ModuleCriterion(nn.Tanh()) end,
      'nn.ModuleCriterion', 'a module is not a criterion')
end

function tests.toString()
   tester:eq(tostring(nn.ModuleCriterion(nn.MSECriterion(), nn.Tanh())),
      'nn.ModuleCriterion @ nn.MSECriterion', '__tostring__')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.criterionRoundTrip(tester, nn.ModuleCriterion(nn.MSECriterion(), nn.Tanh(), nn.Sigmoid()),
      torch.randn(2, 3), torch.randn(2, 3))
end

tester:add(tests)
return tester
