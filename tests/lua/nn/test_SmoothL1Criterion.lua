-- nn.SmoothL1Criterion: squared near zero, absolute further out.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(51)
   H.criterionJacobian(tester, nn.SmoothL1Criterion(), torch.randn(3, 4) * 2, torch.randn(3, 4))
   H.criterionJacobian(tester, nn.SmoothL1Criterion(false), torch.randn(5), torch.randn(5))
end

function tests.values()
   local c = nn.SmoothL1Criterion()
   tester:eq(c.sizeAverage, true, 'sizeAverage default')
   local x, t = torch.Tensor({ 0.5, -2, 3 }), torch.Tensor({ 0, 0, 0 })
   tester:assertalmosteq(c:forward(x, t), 4.125 / 3, 1e-15, 'mean of 0.5 d^2 or |d| - 0.5')
   tester:eq(c:backward(x, t), torch.Tensor({ 0.5, -1, 1 }) / 3, 1e-15, 'gradient')
   local s = nn.SmoothL1Criterion(false)
   tester:eq(s:forward(x, t), 4.125, 'sum')
end

function tests.sizeMismatch()
   tester:assertError(function()
      nn.SmoothL1Criterion():forward(torch.rand(3), torch.rand(4))
   end, 'element counts must match')
end

function tests.toString()
   tester:eq(tostring(nn.SmoothL1Criterion()), 'nn.SmoothL1Criterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.SmoothL1Criterion(), torch.randn(2, 3), torch.randn(2, 3))
end

tester:add(tests)
return tester
