-- nn.ClassSimplexCriterion: MSE to the class's vertex of a regular simplex.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.simplexGeometry()
   for _, n in ipairs({ 2, 3, 7 }) do
      local s = nn.ClassSimplexCriterion(n).simplex
      tester:eq(H.sizes(s), n .. 'x' .. n, 'simplex size')
      local gram = torch.mm(s, s:t())
      local want = torch.Tensor(n, n):fill(-1 / (n - 1))
      for i = 1, n do want[i][i] = 1 end
      tester:assert(H.maxDiff(gram, want) < 1e-12, 'unit vertices, equal angles for ' .. n)
      tester:assert(s:select(2, n):abs():max() == 0, 'last column is zero')
      tester:assert(s:sum(1):abs():max() < 1e-12, 'centred on the origin')
   end
end

function tests.values()
   local c = nn.ClassSimplexCriterion(3)
   local x = torch.Tensor({ 0.5, -1, 2 })
   local t = c.simplex[2]
   local want = (x - t):pow(2):sum() / 3
   tester:assert(math.abs(c:forward(x, 2) - want) < 1e-12, 'mean squared distance')
   tester:assert(H.maxDiff(c:backward(x, 2), (x - t) * (2 / 3)) < 1e-12, 'gradient')
   c.sizeAverage = false
   tester:assert(math.abs(c:forward(x, 2) - want * 3) < 1e-12, 'sum')
end

function tests.batchMatchesSingle()
   local c = nn.ClassSimplexCriterion(4)
   local x = torch.randn(3, 4)
   local target = torch.Tensor({ 4, 1, 2 })
   c.sizeAverage = false
   local total = c:forward(x, target)
   local g = c:backward(x, target):clone()
   local sum = 0
   for i = 1, 3 do
      sum = sum + c:forward(x[i], target[i])
      tester:assert(H.maxDiff(c:backward(x[i], target[i]), g[i]) < 1e-12, 'row gradient')
   end
   tester:assert(math.abs(total - sum) < 1e-10, 'batch loss is the sum of the rows')
end

function tests.jacobian()
   torch.manualSeed(5)
   H.criterionJacobian(tester, nn.ClassSimplexCriterion(5), torch.rand(5), 3)
   H.criterionJacobian(tester, nn.ClassSimplexCriterion(4), torch.rand(2, 4),
      torch.Tensor({ 2, 4 }))
end

function tests.predictions()
   local c = nn.ClassSimplexCriterion(5)
   local x = c.simplex:index(1, torch.LongTensor({ 3, 1, 5 })):mul(2)
   tester:eq(H.sizes(c:getPredictions(x)), '3x5', 'prediction size')
   tester:eq(c:getTopPrediction(x):totable(), { 3, 1, 5 }, 'top class per row')
   tester:eq(c:getTopPrediction(c.simplex[4]):totable(), { 4 }, 'vector input')
end

function tests.errors()
   tester:assertErrorPattern(function() nn.ClassSimplexCriterion(1) end, 'nClasses', 'n < 2')
   tester:assertErrorPattern(function() nn.ClassSimplexCriterion(2.5) end, 'nClasses', 'float')
   local c = nn.ClassSimplexCriterion(3)
   tester:assertErrorPattern(function() c:forward(torch.rand(4), 1) end,
      'ClassSimplexCriterion', 'size mismatch')
   tester:assertErrorPattern(function() c:forward(torch.rand(3), 4) end, 'out of range', 'range')
   tester:assertErrorPattern(function() c:forward(torch.rand(3), torch.rand(1, 3)) end,
      '1D tensor', '2D target')
end

function tests.toStringAndRoundTrip()
   tester:eq(tostring(nn.ClassSimplexCriterion(3)), 'nn.ClassSimplexCriterion', 'tostring')
   H.criterionRoundTrip(tester, nn.ClassSimplexCriterion(3), torch.randn(2, 3),
      torch.Tensor({ 3, 1 }))
end

tester:add(tests)
return tester
