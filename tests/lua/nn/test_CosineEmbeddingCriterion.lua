-- nn.CosineEmbeddingCriterion: cosine similarity of pairs, batches or single pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function jacobian(c, input, target) H.criterionJacobian(tester, c, input, target) end
local function roundTrip(c, input, target) H.criterionRoundTrip(tester, c, input, target) end

function tests.jacobian()
   torch.manualSeed(61)
   jacobian(nn.CosineEmbeddingCriterion(0.2), { torch.randn(4, 6), torch.randn(4, 6) },
      torch.Tensor({ 1, -1, 1, -1 }))
   jacobian(nn.CosineEmbeddingCriterion(-0.5), { torch.randn(5), torch.randn(5) }, -1)
   local c = nn.CosineEmbeddingCriterion()
   c.sizeAverage = false
   jacobian(c, { torch.randn(3, 4), torch.randn(3, 4) }, torch.Tensor({ 1, 1, -1 }))
end

function tests.values()
   local c = nn.CosineEmbeddingCriterion()
   tester:eq(c.margin, 0, 'default margin')
   local a, b = torch.Tensor({ { 1, 0 }, { 1, 0 } }), torch.Tensor({ { 2, 0 }, { 0, 3 } })
   tester:assertalmosteq(c:forward({ a, b }, torch.Tensor({ 1, 1 })), 0.5, 1e-12,
      'mean of 1 - cos')
   tester:assertalmosteq(c:forward({ a, b }, torch.Tensor({ -1, -1 })), 0.5, 1e-12,
      'mean of max(0, cos - margin)')
   local pair = { torch.Tensor({ 1, 1 }), torch.Tensor({ 1, 0 }) }
   tester:assertalmosteq(c:forward(pair, 1), 1 - 1 / math.sqrt(2), 1e-12, 'single pair')
   local g = c:backward(pair, 1)
   tester:eq(g[1]:dim(), 1, 'single pair: 1-D gradients')
   tester:assertalmosteq(g[1][1], -0.5 / math.sqrt(2), 1e-10, 'gradient of 1 - cos')
end

function tests.typeKeepsIndexBuffer()
   local c = nn.CosineEmbeddingCriterion():float()
   tester:eq(torch.type(c._idx), 'torch.ByteTensor', '_idx stays a ByteTensor')
   local l = c:forward({ torch.FloatTensor({ 1, 2 }), torch.FloatTensor({ 2, 1 }) }, 1)
   tester:assertalmosteq(l, 0.2, 1e-6, 'float forward')
end

function tests.toString()
   tester:eq(tostring(nn.CosineEmbeddingCriterion()), 'nn.CosineEmbeddingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   roundTrip(nn.CosineEmbeddingCriterion(0.1), { torch.randn(3, 4), torch.randn(3, 4) },
      torch.Tensor({ 1, -1, -1 }))
end

tester:add(tests)
return tester
