-- nn.CrossEntropyCriterion: LogSoftMax then ClassNLLCriterion.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(64)
   H.criterionJacobian(tester, nn.CrossEntropyCriterion(), torch.randn(4, 5),
      torch.LongTensor({ 1, 2, 5, 4 }))
   H.criterionJacobian(tester, nn.CrossEntropyCriterion(torch.Tensor({ 1, 2, 3 })),
      torch.randn(3), 2)
end

function tests.matchesTheComposition()
   torch.manualSeed(65)
   local x, t = torch.randn(3, 4), torch.LongTensor({ 4, 1, 2 })
   local ce = nn.CrossEntropyCriterion()
   local ref = nn.ClassNLLCriterion():forward(nn.LogSoftMax():forward(x), t)
   tester:assert(math.abs(ce:forward(x, t) - ref) < 1e-14, 'same loss')
   tester:eq(ce:backward(x, t):dim(), 2, 'gradient keeps the input shape')
   ce.sizeAverage = false
   ce:forward(x, t)
   tester:eq(ce.nll.sizeAverage, false, 'sizeAverage passed on')
end

function tests.toString()
   tester:eq(tostring(nn.CrossEntropyCriterion()), 'nn.CrossEntropyCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.CrossEntropyCriterion(), torch.randn(2, 3),
      torch.LongTensor({ 3, 1 }))
end

tester:add(tests)
return tester
