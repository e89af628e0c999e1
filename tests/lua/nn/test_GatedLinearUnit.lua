-- nn.GatedLinearUnit: first half times the sigmoid of the second half.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function sigmoid(v) return 1 / (1 + math.exp(-v)) end

function tests.valuesByDefinition()
   local x = torch.Tensor({ { 1, 2, 0, -1 }, { -3, 4, 2, 0.5 } })
   local y = nn.GatedLinearUnit():forward(x)
   local expected = torch.Tensor({ { 1 * sigmoid(0), 2 * sigmoid(-1) },
      { -3 * sigmoid(2), 4 * sigmoid(0.5) } })
   tester:assert(H.maxDiff(y, expected) < 1e-14, 'last dimension by default')
   y = nn.GatedLinearUnit(1):forward(x)
   tester:eq(y:size(1), 1, 'halved along dim 1')
   tester:assert(H.maxDiff(y, torch.Tensor({ { 1 * sigmoid(-3), 2 * sigmoid(4),
      0 * sigmoid(2), -1 * sigmoid(0.5) } })) < 1e-14, 'dim 1')
end

function tests.jacobian()
   torch.manualSeed(831)
   H.jacobian(tester, nn.GatedLinearUnit(), torch.Tensor(6))
   H.jacobian(tester, nn.GatedLinearUnit(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.GatedLinearUnit(2), torch.Tensor(2, 4, 3))
   H.jacobian(tester, nn.GatedLinearUnit(1), torch.Tensor(2, 3, 2))
end

function tests.nonContiguousGradOutput()
   torch.manualSeed(832)
   local m = nn.GatedLinearUnit(1)
   local x = torch.rand(4, 3)
   m:forward(x)
   local g = torch.rand(3, 2):t()
   local gi = m:backward(x, g):clone()
   tester:eq(H.maxDiff(gi, m:backward(x, g:clone())), 0, 'same as contiguous')
end

function tests.errors()
   local ok, err = pcall(function() nn.GatedLinearUnit():forward(torch.rand(2, 3)) end)
   tester:assert(not ok and err:find('nn.GatedLinearUnit', 1, true) ~= nil, 'odd size')
   tester:assert(not pcall(function() nn.GatedLinearUnit(3):forward(torch.rand(2, 4)) end),
      'dim out of range')
end

function tests.clearStateAndToString()
   H.common(tester, nn.GatedLinearUnit(), 'nn.GatedLinearUnit')
   tester:eq(tostring(nn.GatedLinearUnit(2)), 'nn.GatedLinearUnit(dim 2)', 'with dim')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(833)
   H.roundTrip(tester, nn.GatedLinearUnit(2), torch.rand(2, 4, 3))
end

tester:add(tests)
return tester
