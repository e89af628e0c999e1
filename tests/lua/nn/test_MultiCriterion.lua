-- nn.MultiCriterion: weighted sum of criteria on the same input and target.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function build()
   return nn.MultiCriterion():add(nn.MSECriterion(), 0.5):add(nn.AbsCriterion(), 2)
end

function tests.jacobian()
   torch.manualSeed(67)
   H.criterionJacobian(tester, build(), torch.randn(3, 4), torch.randn(3, 4))
   H.criterionJacobian(tester, build(), torch.randn(5), torch.randn(5))
end

function tests.values()
   local c = build()
   local x, t = torch.Tensor({ 1, 3 }), torch.Tensor({ 0, 0 })
   tester:eq(c:forward(x, t), 0.5 * 5 + 2 * 2, 'weighted sum')
   tester:eq(c:backward(x, t), torch.Tensor({ 0.5 * 1 + 2 * 0.5, 0.5 * 3 + 2 * 0.5 }), 1e-15,
      'weighted gradient')
   tester:eq(torch.type(c.weights), 'torch.DoubleStorage', 'weights in a DoubleStorage')
   tester:eq(c.weights:size(), 2, 'one weight per criterion')
   local d = nn.MultiCriterion():add(nn.MSECriterion())
   tester:eq(d.weights[1], 1, 'weight defaults to 1')
end

function tests.typeConvertsChildren()
   local c = build():float()
   tester:eq(torch.type(c.criterions[2].gradInput), 'torch.FloatTensor', 'children converted')
   local l = c:forward(torch.FloatTensor({ 1, 3 }), torch.FloatTensor({ 0, 0 }))
   tester:eq(l, 6.5, 'float forward')
end

function tests.toString()
   tester:eq(tostring(build()), 'nn.MultiCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, build(), torch.randn(2, 3), torch.randn(2, 3))
end

tester:add(tests)
return tester
