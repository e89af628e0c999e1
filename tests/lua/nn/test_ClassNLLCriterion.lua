-- nn.ClassNLLCriterion: weights, sizeAverage, ignoreIndex, number targets.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function logProbs(n, k)
   return nn.LogSoftMax():forward(torch.randn(n, k)):clone()
end

function tests.jacobianVariants()
   torch.manualSeed(61)
   local target = torch.LongTensor({ 1, 3, 2, 3 })
   H.criterionJacobian(tester, nn.ClassNLLCriterion(), logProbs(4, 3), target)
   local w = torch.Tensor({ 1, 2, 0.5 })
   H.criterionJacobian(tester, nn.ClassNLLCriterion(w), logProbs(4, 3), target)
   H.criterionJacobian(tester, nn.ClassNLLCriterion(w, false), logProbs(4, 3), target)
   H.criterionJacobian(tester, nn.ClassNLLCriterion(nil, true, 3), logProbs(4, 3), target)
   H.criterionJacobian(tester, nn.ClassNLLCriterion(w), logProbs(1, 3):view(3), 2)
end

function tests.values()
   local x = torch.Tensor({ { -1, -2 }, { -3, -4 } })
   local c = nn.ClassNLLCriterion()
   tester:eq(c:forward(x, torch.LongTensor({ 2, 1 })), 2.5, 'mean of -x[target]')
   local w = nn.ClassNLLCriterion(torch.Tensor({ 1, 3 }))
   tester:eq(w:forward(x, torch.LongTensor({ 2, 1 })), (6 + 3) / 4, 'weighted mean')
   w.sizeAverage = false
   tester:eq(w:forward(x, torch.LongTensor({ 2, 1 })), 9, 'weighted sum')
   local ig = nn.ClassNLLCriterion(nil, true, 1)
   tester:eq(ig:forward(x, torch.LongTensor({ 2, 1 })), 2, 'ignored target counts for nothing')
   local g = ig:backward(x, torch.LongTensor({ 2, 1 }))
   tester:eq(g[2][1], 0, 'and gets no gradient')
   tester:eq(c:forward(torch.Tensor({ -1, -2 }), 2), 2, 'number target')
   tester:eq(c.sizeAverage, true, 'sizeAverage default')
   tester:eq(c.ignoreIndex, -100, 'ignoreIndex default')
end

function tests.targetOfAnotherKindNamesTheCriterion()
   local c = nn.ClassNLLCriterion()
   local input = torch.randn(2, 3)
   tester:eq(c:forward(input, torch.Tensor({ 1, 3 })), c:forward(input, torch.LongTensor({ 1, 3 })),
      'DoubleTensor targets')
   local ok, err = pcall(function() c:forward(input, { 1, 3 }) end)
   tester:assert(not ok and tostring(err):find('nn.ClassNLLCriterion: target must be', 1, true)
      ~= nil and tostring(err):find('got table', 1, true) ~= nil, tostring(err))
end

function tests.toString()
   tester:eq(tostring(nn.ClassNLLCriterion()), 'nn.ClassNLLCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.ClassNLLCriterion(torch.Tensor({ 1, 2, 3 })),
      torch.randn(2, 3), torch.LongTensor({ 3, 1 }))
end

tester:add(tests)
return tester
