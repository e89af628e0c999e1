-- nn.L1HingeEmbeddingCriterion: L1 distance of a pair, hinged for dissimilar pairs.
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
   torch.manualSeed(60)
   pairJacobian(nn.L1HingeEmbeddingCriterion(), { torch.randn(4), torch.randn(4) }, 1)
   pairJacobian(nn.L1HingeEmbeddingCriterion(10), { torch.randn(4), torch.randn(4) }, -1)
end

function tests.values()
   local c = nn.L1HingeEmbeddingCriterion(5)
   local x = { torch.Tensor({ 1, 2 }), torch.Tensor({ 0, 4 }) }
   tester:eq(c:forward(x, 1), 3, 'L1 distance for y = 1')
   tester:eq(c:forward(x, -1), 2, 'margin - distance for y = -1')
   local g = c:backward(x, -1)
   tester:eq(g[1], torch.Tensor({ -1, 1 }), 'dissimilar gradient')
   tester:eq(g[2], torch.Tensor({ 1, -1 }), 'opposite gradient')
   c.margin = 2
   tester:eq(c:forward(x, -1), 0, 'past the margin')
   tester:eq(c:backward(x, -1)[1], torch.Tensor({ 0, 0 }), 'no gradient past the margin')
   tester:eq(nn.L1HingeEmbeddingCriterion().margin, 1, 'default margin')
end

function tests.tiesDrawRandomSigns()
   local c = nn.L1HingeEmbeddingCriterion()
   local x = { torch.Tensor({ 1, 2, 3 }), torch.Tensor({ 1, 0, 3 }) }
   torch.manualSeed(3)
   local g = c:backward(x, 1)[1]:clone()
   torch.manualSeed(3)
   local s1, s3 = 2 * torch.random(2) - 3, 2 * torch.random(2) - 3
   tester:eq(g, torch.Tensor({ s1, 1, s3 }), 'one torch.random(2) per tie, in order')
end

function tests.toString()
   tester:eq(tostring(nn.L1HingeEmbeddingCriterion()), 'nn.L1HingeEmbeddingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   pairRoundTrip(nn.L1HingeEmbeddingCriterion(3), { torch.randn(3), torch.randn(3) }, -1)
end

tester:add(tests)
return tester
