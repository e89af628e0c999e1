-- nn.HingeEmbeddingCriterion: distances of similar / dissimilar pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(59)
   H.criterionJacobian(tester, nn.HingeEmbeddingCriterion(), torch.rand(5) * 2,
      torch.Tensor({ 1, -1, -1, 1, -1 }))
   local c = nn.HingeEmbeddingCriterion(1.5)
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.rand(2, 3) * 2,
      torch.Tensor({ { 1, -1, -1 }, { -1, 1, -1 } }))
end

function tests.values()
   local c = nn.HingeEmbeddingCriterion()
   tester:eq(c.margin, 1, 'default margin')
   local x, y = torch.Tensor({ 0.3, 2, 0.5 }), torch.Tensor({ 1, -1, -1 })
   tester:assertalmosteq(c:forward(x, y), 0.8 / 3, 1e-15, 'x or max(0, margin - x)')
   tester:eq(c:backward(x, y), torch.Tensor({ 1, 0, -1 }) / 3, 1e-15, 'gradient')
   tester:assertalmosteq(c:forward(torch.Tensor({ 0.25 }), -1), 0.75, 1e-15, 'number label')
   tester:eq(c:backward(torch.Tensor({ 0.25 }), -1), torch.Tensor({ -1 }), 'number label grad')
end

function tests.sizeMismatch()
   tester:assertError(function()
      nn.HingeEmbeddingCriterion():forward(torch.rand(3), torch.Tensor({ 1, -1 }))
   end, 'element counts must match')
end

function tests.toString()
   tester:eq(tostring(nn.HingeEmbeddingCriterion()), 'nn.HingeEmbeddingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.HingeEmbeddingCriterion(2), torch.rand(4) * 3,
      torch.Tensor({ 1, -1, -1, 1 }))
end

tester:add(tests)
return tester
