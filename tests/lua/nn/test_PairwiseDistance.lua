-- nn.PairwiseDistance: row-wise p-norm distances.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.PairwiseDistance(2), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.PairwiseDistance(2), { torch.Tensor(4), torch.Tensor(4) })
end

function tests.otherNorms()
   torch.manualSeed(2)
   H.tableJacobian(tester, nn.PairwiseDistance(1), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.PairwiseDistance(3), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   local y = nn.PairwiseDistance(2):forward({ torch.Tensor({ 0, 0 }), torch.Tensor({ 3, 4 }) })
   tester:assert(math.abs(y[1] - 5) < 1e-12, '3-4-5')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.PairwiseDistance(2):forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.PairwiseDistance', 1, true) ~= nil,
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.PairwiseDistance(2), 'nn.PairwiseDistance')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.PairwiseDistance(2), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
