-- nn.MultiMarginCriterion: multi-class hinge loss, p = 1 or 2, weights, margin.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(56)
   local t = torch.LongTensor({ 1, 5, 2, 2 })
   H.criterionJacobian(tester, nn.MultiMarginCriterion(), torch.randn(4, 5), t)
   H.criterionJacobian(tester, nn.MultiMarginCriterion(2, nil, 0.5), torch.randn(4, 5), t)
   H.criterionJacobian(tester, nn.MultiMarginCriterion(1, torch.rand(5) + 0.5),
      torch.randn(4, 5), t)
   H.criterionJacobian(tester, nn.MultiMarginCriterion(2, torch.rand(5)), torch.randn(5), 3)
end

function tests.values()
   local c = nn.MultiMarginCriterion()
   tester:eq(c.p, 1, 'default p')
   tester:eq(c.margin, 1, 'default margin')
   local x = torch.Tensor({ { 0.1, 0.2, 0.4, 0.8 } })
   -- target 3: terms 1 - 0.4 + 0.1, 1 - 0.4 + 0.2, 1 - 0.4 + 0.8, over 4 classes
   tester:assertalmosteq(c:forward(x, torch.LongTensor({ 3 })), (0.7 + 0.8 + 1.4) / 4, 1e-15,
      'hinge sum over the classes')
   tester:eq(c:backward(x, torch.LongTensor({ 3 })), torch.Tensor({ { 1, 1, -3, 1 } }) / 4,
      1e-15, 'gradient')
   local sq = nn.MultiMarginCriterion(2, torch.Tensor({ 1, 1, 2, 1 }), 0.5)
   tester:assertalmosteq(sq:forward(x, torch.LongTensor({ 3 })), 2 * (0.04 + 0.09 + 0.81) / 4,
      1e-15, 'squared, weighted by the target class')
   tester:assertalmosteq(c:forward(x[1], 3), (0.7 + 0.8 + 1.4) / 4, 1e-15, 'number target')
end

function tests.badInput()
   tester:assertError(function() nn.MultiMarginCriterion(3) end, 'p must be 1 or 2')
   tester:assertErrorPattern(function()
      nn.MultiMarginCriterion():forward(torch.rand(2, 3), torch.LongTensor({ 1, 4 }))
   end, 'out of range', 'target range checked')
   tester:assertErrorPattern(function()
      nn.MultiMarginCriterion():forward(torch.rand(2, 3), torch.LongTensor({ 1 }))
   end, 'inconsistent target size', 'target size checked')
end

function tests.toString()
   tester:eq(tostring(nn.MultiMarginCriterion()), 'nn.MultiMarginCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MultiMarginCriterion(2, torch.Tensor({ 1, 2, 3 })),
      torch.randn(2, 3), torch.LongTensor({ 3, 1 }))
end

tester:add(tests)
return tester
