-- nn.Padding: constant entries inserted along a dimension.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Padding(2, 2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Padding(2, -2), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Padding(1, -1, 1, 0, 3), torch.Tensor(2, 4))
   H.jacobian(tester, nn.Padding(1, 2, 1, 0, 2), torch.Tensor(2, 4))
end

function tests.valuesAndPositions()
   local x = torch.Tensor({ 1, 2, 3 })
   local function check(m, expected, msg)
      tester:eq(H.maxDiff(m:forward(x), torch.Tensor(expected)), 0, msg)
   end
   check(nn.Padding(1, 2), { 1, 2, 3, 0, 0 }, 'after the end')
   check(nn.Padding(1, -2, nil, 7), { 7, 7, 1, 2, 3 }, 'before the start, value 7')
   check(nn.Padding(1, -1, nil, 0, 2), { 1, 0, 2, 3 }, 'before index 2')
   check(nn.Padding(1, 1, nil, 0, 2), { 1, 2, 0, 3 }, 'index 2 from the end')
   tester:eq(nn.Padding(1, 2, 1):forward(torch.rand(4, 3)):size(2), 5, 'batch shifts dim')
end

function tests.badInputIsAnError()
   tester:assert(not pcall(function() nn.Padding(3, 1):forward(torch.rand(2, 2)) end),
      'dimension out of range raises')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Padding(1, 2), 'nn.Padding')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Padding(2, -1, nil, 0.5), torch.rand(3, 2))
end

tester:add(tests)
return tester
