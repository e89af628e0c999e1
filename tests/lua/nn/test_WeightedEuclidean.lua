-- nn.WeightedEuclidean: distances to learnt templates with a learnt diagonal scaling.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local params = { weight = 'gradWeight', diagCov = 'gradDiagCov' }

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   local m = nn.WeightedEuclidean(4, 3)
   m.diagCov:uniform(0.5, 1.5)
   H.jacobian(tester, m, torch.Tensor(2, 4), params)
   H.jacobian(tester, m, torch.Tensor(4), params)
end

function tests.resetSetsDiagCovToOne()
   local m = nn.WeightedEuclidean(3, 2)
   tester:eq(m.diagCov:min(), 1, 'diagCov is 1')
   local p = m:parameters()
   tester:assert(#p == 2 and p[2] == m.diagCov, 'parameters are weight and diagCov')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.WeightedEuclidean(3, 2):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.WeightedEuclidean', 1, true) ~= nil,
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.WeightedEuclidean(3, 2), 'nn.WeightedEuclidean')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(7)
   H.roundTrip(tester, nn.WeightedEuclidean(3, 2), torch.rand(4, 3))
end

tester:add(tests)
return tester
