-- nn.SpatialDivisiveNormalization: division by the local standard deviation, thresholded.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianPlanesAndBatch()
   torch.manualSeed(181)
   H.jacobian(tester, nn.SpatialDivisiveNormalization(2, torch.Tensor(3, 3):fill(1)),
      torch.Tensor(2, 6, 5))
   H.jacobian(tester, nn.SpatialDivisiveNormalization(2, torch.rand(3, 3)),
      torch.Tensor(2, 2, 5, 6))
end

function tests.constantInputKeepsItsSign()
   -- away from the borders the local std of a constant c (kernel summing to 1 over all
   -- planes) is |c|
   local m = nn.SpatialDivisiveNormalization(2, torch.Tensor(3, 3):fill(1))
   local y = m:forward(torch.Tensor(2, 5, 5):fill(-3))
   tester:assert((y[{ {}, { 2, 4 }, { 2, 4 } }] + 1):abs():max() < 1e-12, 'c / |c| inside')
   local z = m:forward(torch.Tensor(2, 5, 5):fill(0))
   tester:assert(z:abs():max() == 0, 'zero std uses thresval')
   tester:eq(m.thresval, 1e-4, 'default thresval')
end

function tests.badKernels()
   tester:assert(not pcall(function() nn.SpatialDivisiveNormalization(1, torch.ones(2, 3)) end),
      'odd sizes')
end

function tests.clearStateAndToString()
   local m = nn.SpatialDivisiveNormalization(1, torch.ones(3, 3))
   m:forward(torch.rand(1, 4, 4))
   H.common(tester, m, 'nn.SpatialDivisiveNormalization')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(182)
   H.roundTrip(tester, nn.SpatialDivisiveNormalization(2, torch.ones(3, 3)),
      torch.rand(2, 2, 5, 5))
end

tester:add(tests)
return tester
