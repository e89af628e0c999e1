-- nn.Criterion: the base protocol of losses.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.forwardAndBackwardCallTheUpdates()
   local c = nn.MSECriterion()
   local x, t = torch.Tensor({ 1, 2 }), torch.Tensor({ 0, 0 })
   tester:eq(c:forward(x, t), 2.5, 'forward is updateOutput')
   tester:eq(H.maxDiff(c:backward(x, t), torch.Tensor({ 1, 2 })), 0, 'backward')
   local base = nn.Criterion()
   tester:eq(base.output, 0, 'output starts at 0')
   H.criterionJacobian(tester, c, torch.rand(3), torch.rand(3))
end

function tests.cloneAndType()
   local c = nn.ClassNLLCriterion(torch.Tensor({ 1, 2 }))
   local d = c:clone()
   d.weights[1] = 5
   tester:eq(c.weights[1], 1, 'clone owns its tensors')
   c:float()
   tester:eq(torch.type(c.weights), 'torch.FloatTensor', 'type converts tensors')
   tester:eq(tostring(nn.Criterion()), 'nn.Criterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MSECriterion(), torch.randn(3), torch.randn(3))
end

tester:add(tests)
return tester
