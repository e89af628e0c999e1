-- nn.AbsCriterion: mean or sum of absolute errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(63)
   H.criterionJacobian(tester, nn.AbsCriterion(), torch.randn(3, 4), torch.randn(3, 4))
   H.criterionJacobian(tester, nn.AbsCriterion(false), torch.randn(5), torch.randn(5))
end

function tests.values()
   local x, t = torch.Tensor({ 1, -3 }), torch.Tensor({ 0, 1 })
   tester:eq(nn.AbsCriterion():forward(x, t), 2.5, 'mean')
   tester:eq(H.maxDiff(nn.AbsCriterion():backward(x, t), torch.Tensor({ 0.5, -0.5 })), 0, 'grad')
end

function tests.toString()
   tester:eq(tostring(nn.AbsCriterion()), 'nn.AbsCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.AbsCriterion(), torch.randn(2, 3), torch.randn(2, 3))
end

tester:add(tests)
return tester
