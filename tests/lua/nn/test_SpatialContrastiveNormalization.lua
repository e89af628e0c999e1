-- nn.SpatialContrastiveNormalization: subtractive then divisive normalization.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianPlanesAndBatch()
   torch.manualSeed(191)
   H.jacobian(tester, nn.SpatialContrastiveNormalization(2, torch.Tensor(3, 3):fill(1)),
      torch.Tensor(2, 6, 5))
   H.jacobian(tester, nn.SpatialContrastiveNormalization(1, torch.rand(3, 3)),
      torch.Tensor(2, 1, 5, 6))
end

function tests.equalsTheTwoStages()
   torch.manualSeed(192)
   local x = torch.rand(2, 6, 6)
   local m = nn.SpatialContrastiveNormalization(2, torch.ones(5, 5))
   local s = nn.SpatialSubtractiveNormalization(2, torch.ones(5, 5))
   local d = nn.SpatialDivisiveNormalization(2, torch.ones(5, 5))
   tester:assert(H.maxDiff(m:forward(x), d:forward(s:forward(x))) < 1e-14, 'composition')
   tester:eq(#m.normalizer.modules, 2, 'normalizer holds both')
end

function tests.clearStateAndToString()
   local m = nn.SpatialContrastiveNormalization(1, torch.ones(3, 3))
   m:forward(torch.rand(1, 4, 4))
   H.common(tester, m, 'nn.SpatialContrastiveNormalization')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(193)
   H.roundTrip(tester, nn.SpatialContrastiveNormalization(2, torch.ones(3, 3)),
      torch.rand(2, 5, 5))
end

tester:add(tests)
return tester
