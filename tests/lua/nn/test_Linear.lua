-- nn.Linear: shapes, initialisation order, gradients, noBias, sharing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.jacobian(tester, nn.Linear(5, 3), torch.Tensor(4, 5))
   H.jacobian(tester, nn.Linear(5, 3), torch.Tensor(5))
   H.jacobian(tester, nn.Linear(4, 2):noBias(), torch.Tensor(3, 4))
end

function tests.resetDrawsWeightThenBiasUniformly()
   torch.manualSeed(7)
   local m = nn.Linear(3, 2)
   torch.manualSeed(7)
   local stdv = 1 / math.sqrt(3)
   local w = torch.Tensor(2, 3):uniform(-stdv, stdv)
   local b = torch.Tensor(2):uniform(-stdv, stdv)
   tester:eq(H.maxDiff(m.weight, w), 0, 'weight drawn first')
   tester:eq(H.maxDiff(m.bias, b), 0, 'bias drawn second')
   torch.manualSeed(3)
   m:reset(0.5)
   torch.manualSeed(3)
   local w2 = torch.Tensor(2, 3):uniform(-0.5 * math.sqrt(3), 0.5 * math.sqrt(3))
   tester:eq(H.maxDiff(m.weight, w2), 0, 'reset(stdv) scales stdv by sqrt(3)')
end

function tests.forwardMatchesDefinition()
   local m = nn.Linear(2, 2)
   m.weight:copy(torch.Tensor({ { 1, 2 }, { 3, 4 } }))
   m.bias:copy(torch.Tensor({ 0.5, -1 }))
   local y = m:forward(torch.Tensor({ { 1, 1 }, { 2, -1 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 3.5, 6 }, { 0.5, 1 } })), 0, 'batch output')
   y = m:forward(torch.Tensor({ 1, 1 }))
   tester:eq(H.maxDiff(y, torch.Tensor({ 3.5, 6 })), 0, 'vector output')
end

function tests.noBiasRemovesFields()
   local m = nn.Linear(3, 2):noBias()
   tester:assert(m.bias == nil and m.gradBias == nil, 'bias fields removed')
   local p = m:parameters()
   tester:eq(#p, 1, 'one parameter')
   H.common(tester, m, 'nn.Linear(3 -> 2) without bias')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Linear(3, 2):forward(torch.Tensor(2, 2, 3)) end)
   tester:assert(not ok and tostring(err):find('nn.Linear', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Linear(10, 20), 'nn.Linear(10 -> 20)')
end

function tests.sharedUpdateAccumulatesBothGradients()
   torch.manualSeed(2)
   local a = nn.Linear(3, 2)
   local b = a:clone('weight', 'bias')
   local x, go = torch.rand(4, 3), torch.rand(4, 2)
   local w0 = a.weight:clone()
   a:forward(x); b:forward(x)
   a:updateGradInput(x, go); b:updateGradInput(x, go)
   a:accUpdateGradParameters(x, go, 0.1)
   b:accUpdateGradParameters(x, go, 0.1)
   local ref = nn.Linear(3, 2)
   ref.weight:copy(w0); ref:zeroGradParameters()
   ref:forward(x); ref:backward(x, go)
   tester:assert(H.maxDiff(a.weight, w0 - ref.gradWeight * 0.2) < 1e-12, 'two updates applied')
   tester:eq(H.maxDiff(a.weight, b.weight), 0, 'weights shared')
end

function tests.backwardEqualsItsTwoSteps()
   torch.manualSeed(82)
   for _, withBias in ipairs({ true, false }) do
      for _, x in ipairs({ torch.randn(3, 5), torch.randn(5) }) do
         local a = nn.Linear(5, 4)
         if not withBias then a:noBias() end
         local b = a:clone()
         local go = torch.randn(a:forward(x):size())
         b:forward(x)
         local gi = a:backward(x, go, 0.5):clone()
         b:updateGradInput(x, go)
         b:accGradParameters(x, go, 0.5)
         tester:eq(H.maxDiff(gi, b.gradInput), 0, 'gradInput')
         tester:eq(H.maxDiff(a.gradWeight, b.gradWeight), 0, 'gradWeight')
         if withBias then tester:eq(H.maxDiff(a.gradBias, b.gradBias), 0, 'gradBias') end
      end
   end
end

function tests.backwardUsesOverriddenSteps()
   local Scaled = torch.class('nn.TestScaledGradLinear', 'nn.Linear')
   function Scaled:accGradParameters(input, gradOutput, scale)
      nn.Linear.accGradParameters(self, input, gradOutput, 2 * (scale or 1))
   end
   local m = nn.TestScaledGradLinear(3, 2)
   local ref = nn.Linear(3, 2)
   ref.weight:copy(m.weight)
   ref.bias:copy(m.bias)
   m:zeroGradParameters()
   ref:zeroGradParameters()
   local x, go = torch.randn(4, 3), torch.randn(4, 2)
   m:forward(x)
   ref:forward(x)
   m:backward(x, go)
   ref:backward(x, go, 2)
   tester:eq(H.maxDiff(m.gradWeight, ref.gradWeight), 0, 'the subclass step ran')
   local inst = nn.Linear(3, 2)
   local called = false
   inst.updateGradInput = function(self, input, gradOutput)
      called = true
      return nn.Linear.updateGradInput(self, input, gradOutput)
   end
   inst:forward(x)
   inst:backward(x, go)
   tester:assert(called, 'an instance override is used')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(81)
   H.roundTrip(tester, nn.Linear(4, 3), torch.rand(2, 4))
   H.roundTrip(tester, nn.Linear(4, 3):noBias(), torch.rand(4))
end

function tests.wrongInputSizeSaysSizeMismatchAndWhereInContainers()
   local model = nn.Sequential():add(nn.Identity()):add(nn.Linear(1, 1))
   local ok, err = pcall(function() model:forward(torch.randn(3, 2)) end)
   tester:assert(not ok, 'a wrong input size raises')
   tester:assert(tostring(err):find('size mismatch', 1, true) ~= nil, 'the reason is given')
   tester:assert(tostring(err):find('In 2 module of nn.Sequential', 1, true) ~= nil,
      'the failing child is named')
end

tester:add(tests)
return tester
