-- nn.Cosine: cosine similarity with learnt templates.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.jacobian(tester, nn.Cosine(4, 3), torch.Tensor(2, 4), { weight = 'gradWeight' })
   H.jacobian(tester, nn.Cosine(4, 3), torch.Tensor(4), { weight = 'gradWeight' })
end

function tests.parallelVectorsGiveOne()
   local m = nn.Cosine(2, 1)
   m.weight:copy(torch.Tensor({ { 2, 4 } }))
   tester:assert(math.abs(m:forward(torch.Tensor({ 1, 2 }))[1] - 1) < 1e-10, 'cosine 1')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Cosine(3, 2):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Cosine', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Cosine(3, 2), 'nn.Cosine')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.Cosine(3, 2), torch.rand(4, 3))
end

tester:add(tests)
return tester
