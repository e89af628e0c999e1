-- nn.Replicate: the input repeated along a new dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Replicate(3), torch.Tensor(4))
   H.jacobian(tester, nn.Replicate(3, 2), torch.Tensor(2, 4))
   H.jacobian(tester, nn.Replicate(3, 1, 1), torch.Tensor(2, 4))
end

function tests.forwardIsAZeroStrideView()
   local x = torch.rand(2, 4)
   local y = nn.Replicate(3, 2):forward(x)
   tester:eq(y:dim(), 3, 'three dimensions')
   tester:eq(y:size(2), 3, 'replicated dimension')
   tester:eq(y:stride(2), 0, 'zero stride')
   tester:eq(H.maxDiff(y:select(2, 3), x), 0, 'copies equal the input')
   tester:eq(nn.Replicate(3, 1, 1):forward(x):size(2), 3, 'ndim skips the batch')
end

function tests.badInputIsAnError()
   local ok, err = pcall(function() nn.Replicate(2, 4):forward(torch.Tensor(2)) end)
   tester:assert(not ok and tostring(err):find('nn.Replicate', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Replicate(2), 'nn.Replicate')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Replicate(3, 2), torch.rand(2, 4))
end

tester:add(tests)
return tester
