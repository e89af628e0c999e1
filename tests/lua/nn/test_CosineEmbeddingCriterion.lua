-- nn.CosineEmbeddingCriterion: cosine similarity of pairs, batches or single pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Gradient check of a criterion whose input is a pair {x1, x2}: backward against central
-- differences of forward, for both tensors.
local function pairJacobian(crit, input, target)
   crit:forward(input, target)
   local g = crit:backward(input, target)
   local grads = { g[1]:clone(), g[2]:clone() }
   local eps, worst = 1e-6, 0
   for k = 1, 2 do
      local flat = input[k]:view(input[k]:nElement())
      local gflat = grads[k]:contiguous():view(grads[k]:nElement())
      for i = 1, flat:nElement() do
         local orig = flat[i]
         flat[i] = orig + eps
         local fp = crit:forward(input, target)
         flat[i] = orig - eps
         local fm = crit:forward(input, target)
         flat[i] = orig
         worst = math.max(worst, math.abs((fp - fm) / (2 * eps) - gflat[i]))
      end
   end
   tester:assert(worst < H.PRECISION, torch.type(crit) .. ': Jacobian error ' .. worst)
end

-- Save and load the criterion; the copy gives the same loss and gradients.
local function pairRoundTrip(crit, input, target)
   local loss = crit:forward(input, target)
   local g = crit:backward(input, target)
   local g1, g2 = g[1]:clone(), g[2]:clone()
   local f = torch.MemoryFile()
   f:binary()
   f:writeObject(crit)
   f:seek(1)
   local copy = f:readObject()
   f:close()
   tester:eq(copy:forward(input, target), loss, 'loaded loss')
   local c = copy:backward(input, target)
   tester:eq(c[1], g1, 'loaded gradient 1')
   tester:eq(c[2], g2, 'loaded gradient 2')
end

function tests.jacobian()
   torch.manualSeed(61)
   pairJacobian(nn.CosineEmbeddingCriterion(0.2), { torch.randn(4, 6), torch.randn(4, 6) },
      torch.Tensor({ 1, -1, 1, -1 }))
   pairJacobian(nn.CosineEmbeddingCriterion(-0.5), { torch.randn(5), torch.randn(5) }, -1)
   local c = nn.CosineEmbeddingCriterion()
   c.sizeAverage = false
   pairJacobian(c, { torch.randn(3, 4), torch.randn(3, 4) }, torch.Tensor({ 1, 1, -1 }))
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
   pairRoundTrip(nn.CosineEmbeddingCriterion(0.1), { torch.randn(3, 4), torch.randn(3, 4) },
      torch.Tensor({ 1, -1, -1 }))
end

tester:add(tests)
return tester
