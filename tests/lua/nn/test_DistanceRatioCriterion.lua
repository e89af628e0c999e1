-- nn.DistanceRatioCriterion: softmax-ratio loss over {similar, dissimilar} distances.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function byDefinition(X, Y, sizeAverage)
   local s = 0
   for i = 1, X:nElement() do
      local x, y = X:view(-1)[i], Y:view(-1)[i]
      s = s - math.log(math.exp(-x) / (math.exp(-x) + math.exp(-y)))
   end
   return sizeAverage and s / X:size(1) or s
end

function tests.values()
   local c = nn.DistanceRatioCriterion()
   local X, Y = torch.Tensor(32, 1):fill(1), torch.Tensor(32, 1):fill(1)
   tester:assert(math.abs(c:forward({ X, Y }) - (1 + math.log(2 * math.exp(-1)))) < 1e-12,
      'equal distances')
   local g = c:backward({ X, Y })
   tester:assert(math.abs(g[1]:sum() - 0.5) < 1e-12, 'dX sums to 1/2')
   tester:assert(math.abs(g[2]:sum() + 0.5) < 1e-12, 'dY sums to -1/2')
   X, Y = torch.rand(5), torch.rand(5):mul(3)
   tester:assert(math.abs(c:forward({ X, Y }) - byDefinition(X, Y, true)) < 1e-12, 'mean')
   local s = nn.DistanceRatioCriterion(false)
   tester:assert(math.abs(s:forward({ X, Y }) - byDefinition(X, Y, false)) < 1e-12, 'sum')
   tester:eq(c.output, c:forward({ X, Y }), 'output field holds the loss')
end

function tests.jacobian()
   torch.manualSeed(9)
   H.criterionJacobian(tester, nn.DistanceRatioCriterion(), { torch.rand(4), torch.rand(4) })
   H.criterionJacobian(tester, nn.DistanceRatioCriterion(false),
      { torch.rand(3, 1), torch.rand(3, 1) })
end

function tests.errors()
   local c = nn.DistanceRatioCriterion()
   tester:assertErrorPattern(function() c:forward({ torch.rand(3) }) end,
      'DistanceRatioCriterion', 'one tensor')
   tester:assertErrorPattern(function() c:forward({ torch.rand(3), torch.rand(4) }) end,
      'do not match', 'sizes')
   tester:assertErrorPattern(function()
      nn.DistanceRatioCriterion():backward({ torch.rand(3), torch.rand(3) })
   end, 'forward before backward', 'backward first')
end

function tests.typeDropsBuffers()
   local c = nn.DistanceRatioCriterion()
   c:forward({ torch.rand(3), torch.rand(3) })
   c:float()
   tester:assert(c._expMinusX == nil and c.loss == nil, 'buffers dropped')
   local X, Y = torch.FloatTensor(3):fill(1), torch.FloatTensor(3):fill(2)
   tester:assert(math.abs(c:forward({ X, Y }) - byDefinition(X, Y, true)) < 1e-6, 'float loss')
   tester:eq(torch.type(c:backward({ X, Y })[1]), 'torch.FloatTensor', 'float gradient')
end

function tests.toStringAndRoundTrip()
   tester:eq(tostring(nn.DistanceRatioCriterion()), 'nn.DistanceRatioCriterion', 'tostring')
   H.criterionRoundTrip(tester, nn.DistanceRatioCriterion(), { torch.rand(3), torch.rand(3) })
end

tester:add(tests)
return tester
