-- nn.L1Cost: sum of absolute values, target ignored.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesByDefinition()
   local c = nn.L1Cost()
   local x = torch.Tensor({ { 1, -2.5 }, { 0, 3 } })
   tester:eq(c:forward(x), 6.5, 'sum of absolute values')
   tester:eq(H.maxDiff(c:backward(x), torch.Tensor({ { 1, -1 }, { 0, 1 } })), 0, 'sign, 0 at 0')
   tester:eq(c:forward(x, torch.rand(2, 2)), 6.5, 'target ignored')
end

function tests.matchesAbsSum()
   torch.manualSeed(851)
   local x = torch.rand(10):mul(2):add(-1)
   tester:assert(math.abs(nn.L1Cost():forward(x) - torch.abs(x):sum()) < 1e-15, 'abs sum')
end

function tests.jacobian()
   torch.manualSeed(852)
   -- inputs away from 0, where the gradient is not defined
   local x = torch.rand(3, 4):add(0.1):cmul(torch.rand(3, 4):gt(0.5):double():mul(2):add(-1))
   H.criterionJacobian(tester, nn.L1Cost(), x, nil)
end

function tests.errors()
   local ok, err = pcall(function() nn.L1Cost():forward({}) end)
   tester:assert(not ok and err:find('nn.L1Cost', 1, true) ~= nil, 'tensor input')
end

function tests.clearStateAndToString()
   local c = nn.L1Cost()
   c:forward(torch.rand(3))
   c:backward(torch.rand(3))
   tester:assert(c:clearState() == c, 'clearState returns self')
   tester:eq(c.gradInput:nElement(), 0, 'gradInput dropped')
   tester:eq(tostring(c), 'nn.L1Cost', 'tostring')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(853)
   H.criterionRoundTrip(tester, nn.L1Cost(), torch.randn(2, 3), nil)
end

tester:add(tests)
return tester
