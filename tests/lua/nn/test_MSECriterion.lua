-- nn.MSECriterion: mean or sum of squared errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(62)
   H.criterionJacobian(tester, nn.MSECriterion(), torch.randn(3, 4), torch.randn(3, 4))
   H.criterionJacobian(tester, nn.MSECriterion(false), torch.randn(5), torch.randn(5))
end

function tests.values()
   local x, t = torch.Tensor({ 1, 3 }), torch.Tensor({ 0, 1 })
   tester:eq(nn.MSECriterion():forward(x, t), 2.5, 'mean')
   tester:eq(nn.MSECriterion(false):forward(x, t), 5, 'sum')
   tester:eq(H.maxDiff(nn.MSECriterion(false):backward(x, t), torch.Tensor({ 2, 4 })), 0, 'grad')
end

function tests.toString()
   tester:eq(tostring(nn.MSECriterion()), 'nn.MSECriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.MSECriterion(false), torch.randn(2, 3), torch.randn(2, 3))
end

tester:add(tests)
return tester
