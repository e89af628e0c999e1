-- nn.SpatialSubtractiveNormalization: local mean removal with border correction.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianPlanesAndBatch()
   torch.manualSeed(171)
   H.jacobian(tester, nn.SpatialSubtractiveNormalization(2, torch.Tensor(3, 3):fill(1)),
      torch.Tensor(2, 6, 5))
   H.jacobian(tester, nn.SpatialSubtractiveNormalization(2, torch.rand(3, 5)),
      torch.Tensor(2, 2, 5, 6))
end

function tests.constantInputBecomesZero()
   local m = nn.SpatialSubtractiveNormalization(3, torch.Tensor(5, 5):fill(1))
   local y = m:forward(torch.Tensor(3, 6, 7):fill(2.5))
   tester:assert(y:abs():max() < 1e-12, 'borders corrected too')
   local yb = m:forward(torch.Tensor(2, 3, 6, 7):fill(-1))
   tester:assert(yb:abs():max() < 1e-12, 'batch')
end

function tests.kernelNormalizedInPlace()
   local k = torch.Tensor(3, 3):fill(2)
   local m = nn.SpatialSubtractiveNormalization(2, k)
   tester:assert(math.abs(k:sum() - 0.5) < 1e-15, 'kernel / (sum * planes), in place')
   tester:eq(torch.type(m.meanestimator), 'nn.Sequential', 'Torch7 sub-modules')
   tester:eq(m.meanestimator.modules[2].bias[1], 0, 'bias zero')
end

function tests.badKernels()
   tester:assert(not pcall(function() nn.SpatialSubtractiveNormalization(1, torch.ones(4, 3)) end),
      'odd sizes')
   tester:assert(not pcall(function()
      nn.SpatialSubtractiveNormalization(1, torch.ones(3, 3, 3))
   end), '1-D or 2-D')
end

function tests.clearStateAndToString()
   local m = nn.SpatialSubtractiveNormalization(1, torch.ones(3, 3))
   m:forward(torch.rand(1, 4, 4))
   H.common(tester, m, 'nn.SpatialSubtractiveNormalization')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(172)
   H.roundTrip(tester, nn.SpatialSubtractiveNormalization(2, torch.ones(3, 3)),
      torch.rand(2, 2, 5, 5))
end

tester:add(tests)
return tester
