-- nn.SpatialSubSampling: per-plane weighted window sums, gradients, initial values, errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndSingle()
   torch.manualSeed(21)
   H.jacobian(tester, nn.SpatialSubSampling(3, 2, 3, 2, 1), torch.Tensor(3, 7, 6))
   H.jacobian(tester, nn.SpatialSubSampling(2, 3, 2), torch.Tensor(2, 2, 5, 4))
end

function tests.matchesAveragePoolingTimesWeight()
   torch.manualSeed(22)
   local m = nn.SpatialSubSampling(2, 2, 2, 2, 2)
   m.weight:copy(torch.Tensor({ 4, -8 }))
   m.bias:copy(torch.Tensor({ 0.5, 1 }))
   local x = torch.randn(3, 2, 6, 6)
   local avg = nn.SpatialAveragePooling(2, 2, 2, 2):forward(x)
   local expected = avg:clone()
   expected:select(2, 1):mul(4 * 4):add(0.5)
   expected:select(2, 2):mul(-8 * 4):add(1)
   tester:assert(H.maxDiff(m:forward(x), expected) < 1e-12, 'weighted sums plus bias')
end

function tests.accGradParametersScale()
   torch.manualSeed(23)
   local m = nn.SpatialSubSampling(2, 2, 2)
   local x, g = torch.randn(2, 4, 5), torch.randn(2, 3, 4)
   m:zeroGradParameters()
   m:forward(x)
   m:accGradParameters(x, g, 0.5)
   local sums = nn.SpatialSubSampling(2, 2, 2)
   sums.weight:fill(1); sums.bias:zero()
   local s = sums:forward(x)
   for c = 1, 2 do
      tester:assert(math.abs(m.gradWeight[c] - 0.5 * torch.cmul(s[c], g[c]):sum()) < 1e-12,
         'gradWeight ' .. c)
      tester:assert(math.abs(m.gradBias[c] - 0.5 * g[c]:sum()) < 1e-12, 'gradBias ' .. c)
   end
end

function tests.resetDrawsWeightsThenBias()
   torch.manualSeed(1)
   local m = nn.SpatialSubSampling(3, 2, 2)
   torch.manualSeed(1)
   local expected = torch.Tensor(6):uniform(-0.5, 0.5)
   tester:assert(H.maxDiff(m.weight, expected:narrow(1, 1, 3)) == 0, 'weights first')
   tester:assert(H.maxDiff(m.bias, expected:narrow(1, 4, 3)) == 0, 'then biases')
   tester:eq(m.dW, 1, 'default step')
   m:reset(0.1)
   tester:assert(m.weight:abs():max() <= 0.1 * math.sqrt(3), 'reset(stdv)')
end

function tests.floatMatchesDouble()
   torch.manualSeed(24)
   local m = nn.SpatialSubSampling(2, 3, 3, 2, 2)
   local x, g = torch.randn(2, 2, 7, 7), torch.randn(2, 2, 3, 3)
   local y, gi = m:forward(x):clone(), m:backward(x, g):clone()
   local f = m:clone():float()
   tester:assert(H.maxDiff(f:forward(x:float()):double(), y) < 1e-5, 'forward')
   tester:assert(H.maxDiff(f:backward(x:float(), g:float()):double(), gi) < 1e-5, 'backward')
end

function tests.badInput()
   local m = nn.SpatialSubSampling(2, 3, 3)
   for _, x in ipairs({ torch.rand(5), torch.rand(3, 4, 4), torch.rand(2, 2, 2) }) do
      local ok, err = pcall(function() m:forward(x) end)
      tester:assert(not ok and tostring(err):find('nn.SpatialSubSampling', 1, true),
         tostring(err))
   end
   local ok = pcall(function() m:backward(torch.rand(2, 4, 4), torch.rand(2, 3, 3)) end)
   tester:assert(not ok, 'wrong gradOutput size')
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialSubSampling(2, 2, 2), 'nn.SpatialSubSampling')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(25)
   H.roundTrip(tester, nn.SpatialSubSampling(2, 2, 2, 2, 2), torch.rand(2, 2, 6, 6))
   H.roundTrip(tester, nn.SpatialSubSampling(3, 3, 2), torch.rand(3, 5, 4))
end

tester:add(tests)
return tester
