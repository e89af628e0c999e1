-- nn.BCECriterion: binary cross-entropy, optionally weighted.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function probs(...)
   return torch.rand(...):mul(0.8):add(0.1)
end

function tests.jacobian()
   torch.manualSeed(52)
   local t = torch.bernoulli(torch.Tensor(3, 4):fill(0.5))
   H.criterionJacobian(tester, nn.BCECriterion(), probs(3, 4), t)
   H.criterionJacobian(tester, nn.BCECriterion(torch.rand(4)), probs(3, 4), t)
   H.criterionJacobian(tester, nn.BCECriterion(torch.rand(5), false), probs(5),
      torch.Tensor({ 1, 0, 0, 1, 1 }))
end

function tests.values()
   local c = nn.BCECriterion()
   local x, t = torch.Tensor({ 0.8, 0.4 }), torch.Tensor({ 1, 0 })
   local expected = -(math.log(0.8 + 1e-12) + math.log(0.6 + 1e-12)) / 2
   tester:assertalmosteq(c:forward(x, t), expected, 1e-15, 'mean cross-entropy')
   local w = nn.BCECriterion(torch.Tensor({ 2, 3 }), false)
   local x2, t2 = torch.Tensor({ { 0.8, 0.4 } }), torch.Tensor({ { 1, 0 } })
   expected = -(2 * math.log(0.8 + 1e-12) + 3 * math.log(0.6 + 1e-12))
   tester:assertalmosteq(w:forward(x2, t2), expected, 1e-14, 'one weight per column')
   tester:eq(w:__len(), 2, '__len gives the number of weights')
end

function tests.badInput()
   tester:assertErrorPattern(function()
      nn.BCECriterion():forward(torch.Tensor({ 1.5 }), torch.Tensor({ 1 }))
   end, 'between 0 and 1', 'input outside [0, 1]')
   tester:assertErrorPattern(function()
      nn.BCECriterion():forward(torch.rand(3), torch.rand(4))
   end, 'nn.BCECriterion: input and target size mismatch', 'size mismatch')
end

function tests.toString()
   tester:eq(tostring(nn.BCECriterion()), 'nn.BCECriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.BCECriterion(torch.Tensor({ 1, 2, 3 })), probs(2, 3),
      torch.Tensor({ { 1, 0, 1 }, { 0, 0, 1 } }))
end

tester:add(tests)
return tester
