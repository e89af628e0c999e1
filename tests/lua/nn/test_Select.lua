-- nn.Select: a copied slice at one index.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Select(2, 3), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Select(-1, -1), torch.Tensor(3, 4))
end

function tests.forwardMatchesSelect()
   local x = torch.rand(3, 4)
   tester:eq(H.maxDiff(nn.Select(2, 3):forward(x), x:select(2, 3)), 0, 'select')
   tester:eq(H.maxDiff(nn.Select(-1, -1):forward(x), x:select(2, 4)), 0, 'negative index')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Select(3, 1):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Select', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Select(1, 2), 'nn.Select')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Select(1, 2), torch.rand(3, 4))
end

tester:add(tests)
return tester
