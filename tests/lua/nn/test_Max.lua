-- nn.Max: the largest value along a dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Max(2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Max(1), torch.Tensor(5))
   H.jacobian(tester, nn.Max(-1), torch.Tensor(2, 3, 4))
   H.jacobian(tester, nn.Max(1, 1), torch.Tensor(3, 4))
end

function tests.forwardMatchesTorchMax()
   local x = torch.rand(3, 4)
   local v = torch.max(x, 2)
   tester:eq(H.maxDiff(nn.Max(2):forward(x), v:select(2, 1)), 0, 'values, squeezed')
   tester:eq(nn.Max(1):forward(torch.rand(5)):nElement(), 1, 'vector gives one value')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Max(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Max', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Max(1), 'nn.Max')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(9)
   H.roundTrip(tester, nn.Max(2), torch.rand(3, 4))
end

tester:add(tests)
return tester
