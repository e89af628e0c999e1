-- nn.Euclidean: distances of the input to learnt templates.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.jacobian(tester, nn.Euclidean(4, 3), torch.Tensor(2, 4), { weight = 'gradWeight' })
   H.jacobian(tester, nn.Euclidean(4, 3), torch.Tensor(4), { weight = 'gradWeight' })
end

function tests.oldSeedDrawsColumnByColumn()
   nn.oldSeed = true
   torch.manualSeed(3)
   local ok, m = pcall(nn.Euclidean, 2, 3)
   nn.oldSeed = nil
   tester:assert(ok, tostring(m))
   torch.manualSeed(3)
   local stdv = 1 / math.sqrt(2)
   local first = torch.uniform(-stdv, stdv)
   local second = torch.uniform(-stdv, stdv)
   tester:assert(m.weight[1][1] == first and m.weight[2][1] == second, 'column 1 drawn first')
end

function tests.forwardIsTheDistance()
   local m = nn.Euclidean(2, 1)
   m.weight:copy(torch.Tensor({ { 0 }, { 0 } }))
   tester:assert(math.abs(m:forward(torch.Tensor({ 3, 4 }))[1] - 5) < 1e-12, '3-4-5')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Euclidean(3, 2):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Euclidean', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Euclidean(3, 2), 'nn.Euclidean')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(6)
   H.roundTrip(tester, nn.Euclidean(3, 2), torch.rand(4, 3))
end

tester:add(tests)
return tester
