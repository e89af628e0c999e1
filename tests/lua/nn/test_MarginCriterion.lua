-- nn.MarginCriterion: two-class hinge loss.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(54)
   H.criterionJacobian(tester, nn.MarginCriterion(), torch.randn(6),
      torch.Tensor({ 1, -1, 1, 1, -1, -1 }))
   local c = nn.MarginCriterion(0.5)
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.randn(2, 3), torch.Tensor({ { 1, -1, 1 }, { -1, 1, 1 } }))
end

function tests.values()
   local c = nn.MarginCriterion()
   tester:eq(c.margin, 1, 'default margin')
   local x, t = torch.Tensor({ 0.5, 2, -0.5 }), torch.Tensor({ 1, 1, -1 })
   tester:assertalmosteq(c:forward(x, t), 1 / 3, 1e-15, 'mean of max(0, 1 - x y)')
   tester:eq(c:backward(x, t), torch.Tensor({ -1 / 3, 0, 1 / 3 }), 1e-15, 'gradient')
end

function tests.sizeMismatch()
   tester:assertError(function()
      nn.MarginCriterion():forward(torch.rand(3), torch.rand(2))
   end, 'element counts must match')
end

function tests.toString()
   tester:eq(tostring(nn.MarginCriterion()), 'nn.MarginCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MarginCriterion(2), torch.randn(4),
      torch.Tensor({ 1, -1, -1, 1 }))
end

tester:add(tests)
return tester
