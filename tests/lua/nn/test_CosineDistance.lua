-- nn.CosineDistance: row-wise cosine similarity.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.CosineDistance(), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.CosineDistance(), { torch.Tensor(4), torch.Tensor(4) })
end

function tests.forwardMatchesDefinition()
   local y = nn.CosineDistance():forward({ torch.Tensor({ 1, 0 }), torch.Tensor({ 1, 1 }) })
   tester:assert(math.abs(y[1] - math.sqrt(0.5)) < 1e-10, 'cos 45 degrees')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CosineDistance():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CosineDistance', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CosineDistance(), 'nn.CosineDistance')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CosineDistance(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
