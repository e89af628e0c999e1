-- nn.Squeeze: singleton dimensions removed (a view).
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Squeeze(), torch.Tensor(3, 1, 4))
   H.jacobian(tester, nn.Squeeze(2), torch.Tensor(3, 1, 1))
   H.jacobian(tester, nn.Squeeze(1, 2), torch.Tensor(2, 1, 4))
end

function tests.batchOfOneKeepsItsDimension()
   tester:eq(nn.Squeeze(nil, 2):forward(torch.rand(1, 1, 4)):dim(), 2, 'batch kept')
   tester:eq(nn.Squeeze(1, 2):forward(torch.rand(2, 1, 4)):dim(), 2, 'dim skips the batch')
   tester:eq(nn.Squeeze():forward(torch.rand(1, 3, 1)):dim(), 1, 'all singletons')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Squeeze():forward({}) end)
   tester:assert(not ok and tostring(err):find('nn.Squeeze', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Squeeze(), 'nn.Squeeze')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Squeeze(2), torch.rand(3, 1, 2))
end

tester:add(tests)
return tester
