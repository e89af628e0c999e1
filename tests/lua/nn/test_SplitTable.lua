-- nn.SplitTable: a tensor split into the table of its slices.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.SplitTable(2), torch.Tensor(2, 3))
   H.tableJacobian(tester, nn.SplitTable(-1), torch.Tensor(2, 3, 2))
   H.tableJacobian(tester, nn.SplitTable(1, 1), torch.Tensor(2, 3))
end

function tests.slicesAreViews()
   local x = torch.rand(2, 3)
   local y = nn.SplitTable(2):forward(x)
   tester:eq(#y, 3, 'three slices')
   tester:eq(H.maxDiff(y[2], x:select(2, 2)), 0, 'slice 2')
   tester:eq(#nn.SplitTable(1, 1):forward(x), 3, 'nInputDims skips the batch')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.SplitTable(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.SplitTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SplitTable(1), 'nn.SplitTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SplitTable(1), torch.rand(2, 3))
end

tester:add(tests)
return tester
