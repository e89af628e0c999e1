-- nn.DistKLDivCriterion: Kullback-Leibler divergence from log-probabilities.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function probs(n, k)
   return nn.SoftMax():forward(torch.randn(n, k)):clone()
end

function tests.jacobian()
   torch.manualSeed(53)
   H.criterionJacobian(tester, nn.DistKLDivCriterion(), torch.log(probs(3, 4)), probs(3, 4))
   local c = nn.DistKLDivCriterion()
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.randn(5), torch.Tensor({ 0.2, 0, 0.3, 0.5, 0 }))
end

function tests.values()
   local c = nn.DistKLDivCriterion()
   local x, t = torch.Tensor({ -1, -2 }), torch.Tensor({ 0.5, 0 })
   tester:assertalmosteq(c:forward(x, t), 0.5 * (math.log(0.5) + 1) / 2, 1e-15,
      'zero targets count for nothing')
   tester:eq(c:backward(x, t), torch.Tensor({ -0.25, 0 }), 'gradient -t / n')
end

function tests.sizeMismatch()
   tester:assertErrorPattern(function()
      nn.DistKLDivCriterion():forward(torch.rand(2, 3), torch.rand(3, 2))
   end, 'same size', 'sizes checked')
end

function tests.toString()
   tester:eq(tostring(nn.DistKLDivCriterion()), 'nn.DistKLDivCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.DistKLDivCriterion(), torch.randn(2, 3), probs(2, 3))
end

tester:add(tests)
return tester
