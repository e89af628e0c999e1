-- nn.SoftMarginCriterion: two-class logistic loss.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(55)
   H.criterionJacobian(tester, nn.SoftMarginCriterion(), torch.randn(3, 4),
      torch.sign(torch.randn(3, 4)))
   local c = nn.SoftMarginCriterion()
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.randn(5), torch.Tensor({ 1, -1, 1, 1, -1 }))
end

function tests.values()
   local c = nn.SoftMarginCriterion()
   local x, t = torch.Tensor({ 0, 2 }), torch.Tensor({ 1, -1 })
   tester:assertalmosteq(c:forward(x, t), (math.log(2) + math.log(1 + math.exp(2))) / 2, 1e-15,
      'mean of log(1 + exp(-x y))')
   local g = c:backward(x, t)
   tester:assertalmosteq(g[1], -0.25, 1e-15, 'gradient at 0')
end

function tests.sizeMismatch()
   tester:assertError(function()
      nn.SoftMarginCriterion():forward(torch.rand(3), torch.rand(2))
   end, 'element counts must match')
end

function tests.toString()
   tester:eq(tostring(nn.SoftMarginCriterion()), 'nn.SoftMarginCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.SoftMarginCriterion(), torch.randn(4),
      torch.Tensor({ 1, -1, -1, 1 }))
end

tester:add(tests)
return tester
