-- nn.Unsqueeze: a singleton dimension inserted (a view).
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Unsqueeze(1), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Unsqueeze(3), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Unsqueeze(1, 1), torch.Tensor(3, 4))
end

function tests.positionAndBatch()
   local y = nn.Unsqueeze(2):forward(torch.rand(3, 4))
   tester:assert(y:size(1) == 3 and y:size(2) == 1 and y:size(3) == 4, '3x1x4')
   y = nn.Unsqueeze(1, 1):forward(torch.rand(3, 4))
   tester:assert(y:size(1) == 3 and y:size(2) == 1, 'numInputDims shifts past the batch')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Unsqueeze(4):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Unsqueeze', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Unsqueeze(2), 'nn.Unsqueeze(dim 2)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Unsqueeze(2), torch.rand(3, 2))
end

tester:add(tests)
return tester
