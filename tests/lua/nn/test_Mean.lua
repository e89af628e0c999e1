-- nn.Mean: mean over a dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Mean(2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Mean(1), torch.Tensor(5))
   H.jacobian(tester, nn.Mean(-1), torch.Tensor(2, 3, 4))
   H.jacobian(tester, nn.Mean(1, 1), torch.Tensor(3, 4))
end

function tests.forwardMatchesDefinition()
   local x = torch.Tensor({ { 1, 2 }, { 3, 4 } })
   local y = nn.Mean(2):forward(x)
   local e = torch.Tensor({ 1.5, 3.5 })
   tester:eq(H.maxDiff(y, e), 0, 'row reduction')
   tester:eq(y:dim(), 1, 'squeezed')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Mean(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Mean', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Mean(1), 'nn.Mean')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Mean(2), torch.rand(3, 4))
end

tester:add(tests)
return tester
