-- nn.MultiLabelSoftMarginCriterion: multi-label logistic loss, optionally weighted.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(58)
   local t = torch.bernoulli(torch.Tensor(3, 4):fill(0.5))
   H.criterionJacobian(tester, nn.MultiLabelSoftMarginCriterion(), torch.randn(3, 4), t)
   H.criterionJacobian(tester, nn.MultiLabelSoftMarginCriterion(torch.rand(4), false),
      torch.randn(3, 4), t)
   H.criterionJacobian(tester, nn.MultiLabelSoftMarginCriterion(), torch.randn(5),
      torch.Tensor({ 1, 0, 0, 1, 1 }))
end

function tests.values()
   local c = nn.MultiLabelSoftMarginCriterion()
   local x, t = torch.Tensor({ 2, -1, 30 }), torch.Tensor({ 1, 0, 0 })
   local function sig(v) return 1 / (1 + math.exp(-v)) end
   local expected = -(math.log(sig(2)) + math.log(1 - sig(-1)) - 30 - math.log(1 + math.exp(-30)))
      / 3
   tester:assertalmosteq(c:forward(x, t), expected, 1e-12, 'mean logistic loss')
   local g = c:backward(x, t)
   tester:assertalmosteq(g[1], (sig(2) - 1) / 3, 1e-15, 'gradient (sigmoid - t) / n')
   tester:eq(torch.type(c.sigmoid), 'nn.Sigmoid', 'sigmoid module kept')
end

function tests.sizeMismatch()
   tester:assertError(function()
      nn.MultiLabelSoftMarginCriterion():forward(torch.rand(3), torch.rand(4))
   end, 'element counts must match')
end

function tests.toString()
   tester:eq(tostring(nn.MultiLabelSoftMarginCriterion()), 'nn.MultiLabelSoftMarginCriterion',
      'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MultiLabelSoftMarginCriterion(torch.Tensor({ 1, 2, 3 })),
      torch.randn(2, 3), torch.Tensor({ { 1, 0, 1 }, { 0, 0, 1 } }))
end

tester:add(tests)
return tester
