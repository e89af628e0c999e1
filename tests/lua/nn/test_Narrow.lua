-- nn.Narrow: a copied slice along one dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Narrow(2, 2, 2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Narrow(-1, 2, -2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Narrow(1, -2), torch.Tensor(3, 4))
end

function tests.forwardMatchesNarrow()
   local x = torch.rand(3, 5)
   tester:eq(H.maxDiff(nn.Narrow(2, 2, 3):forward(x), x:narrow(2, 2, 3)), 0, 'narrow')
   tester:eq(H.maxDiff(nn.Narrow(2, 2, -2):forward(x), x:narrow(2, 2, 3)), 0, 'negative length')
   tester:eq(H.maxDiff(nn.Narrow(2, -1):forward(x), x:narrow(2, 1, 4)), 0, 'negative offset')
end

function tests.constructorNeedsArguments()
   tester:assert(not pcall(function() nn.Narrow(1) end), 'offset required')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Narrow(3, 1, 1):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Narrow', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Narrow(1, 2, 3), 'nn.Narrow')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Narrow(2, 2, 2), torch.rand(3, 4))
end

tester:add(tests)
return tester
