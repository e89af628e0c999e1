-- nn.MultiLabelMarginCriterion: multi-label hinge loss, labels ended by 0.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(57)
   H.criterionJacobian(tester, nn.MultiLabelMarginCriterion(), torch.randn(2, 4),
      torch.LongTensor({ { 3, 1, 0, 0 }, { 4, 0, 0, 0 } }))
   local c = nn.MultiLabelMarginCriterion()
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.randn(5), torch.LongTensor({ 2, 5, 2, 0, 1 }))
end

function tests.values()
   local c = nn.MultiLabelMarginCriterion()
   local x = torch.Tensor({ 0.1, 0.2, 0.4, 0.8 })
   local t = torch.LongTensor({ 3, 1, 0, 0 })
   -- labels 3 (0.4) and 1 (0.1) against classes 2 (0.2) and 4 (0.8)
   tester:assertalmosteq(c:forward(x, t), (0.8 + 1.4 + 1.1 + 1.7) / 4, 1e-15, 'hinge terms')
   tester:eq(c.isTarget, torch.Tensor({ 1, 0, 1, 0 }), 'isTarget marks the labels')
   tester:eq(c:backward(x, t), torch.Tensor({ -2, 2, -2, 2 }) / 4, 1e-15, 'gradient')
   local after = torch.LongTensor({ 2, 0, 3, 0 })
   tester:eq(c:forward(x, after), (1 - 0.2 + 0.1 + 1 - 0.2 + 0.4 + 1 - 0.2 + 0.8) / 4, 1e-15,
      'labels after the first 0 are ignored')
end

function tests.badInput()
   tester:assertErrorPattern(function()
      nn.MultiLabelMarginCriterion():forward(torch.rand(2, 3), torch.LongTensor({ 1, 2, 0 }))
   end, 'inconsistent target size', 'target shape checked')
   tester:assertErrorPattern(function()
      nn.MultiLabelMarginCriterion():forward(torch.rand(3), torch.LongTensor({ 4, 0, 0 }))
   end, 'out of range', 'target range checked')
end

function tests.toString()
   tester:eq(tostring(nn.MultiLabelMarginCriterion()), 'nn.MultiLabelMarginCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MultiLabelMarginCriterion(), torch.randn(2, 3),
      torch.LongTensor({ { 3, 0, 0 }, { 1, 2, 0 } }))
end

tester:add(tests)
return tester
