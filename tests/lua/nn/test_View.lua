-- nn.View: views with an inferred size and a batch dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.View(6), torch.Tensor(2, 3))
   H.jacobian(tester, nn.View(-1, 2), torch.Tensor(4, 3))
end

function tests.batchDimensionIsKept()
   local y = nn.View(6):forward(torch.Tensor(5, 2, 3))
   tester:eq(y:dim(), 2, 'batch kept')
   tester:eq(y:size(1), 5, 'batch size')
   y = nn.View(6):forward(torch.Tensor(2, 3))
   tester:eq(y:dim(), 1, 'single sample')
   y = nn.View(2, -1):forward(torch.Tensor(3, 4))
   tester:eq(y:size(2), 6, 'inferred size')
   y = nn.View(4):setNumInputDims(1):forward(torch.Tensor(1, 4))
   tester:eq(y:dim(), 2, 'numInputDims makes a batch of one')
   local ok, err = pcall(function() nn.View(5):forward(torch.Tensor(2, 3)) end)
   tester:assert(not ok and tostring(err):find('do not match', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.View(2, -1), 'nn.View(2, -1)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.View(-1), torch.rand(2, 3))
end

tester:add(tests)
return tester
