-- nn.MarginRankingCriterion: ranking hinge loss, batches or single pairs.
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
   torch.manualSeed(62)
   pairJacobian(nn.MarginRankingCriterion(0.5), { torch.randn(5), torch.randn(5) },
      torch.Tensor({ 1, -1, 1, 1, -1 }))
   local c = nn.MarginRankingCriterion(2)
   c.sizeAverage = false
   pairJacobian(c, { torch.randn(4), torch.randn(4) }, torch.Tensor({ 1, 1, -1, -1 }))
end

function tests.values()
   local c = nn.MarginRankingCriterion()
   tester:eq(c.margin, 1, 'default margin')
   local x = { torch.Tensor({ 3, 0.5 }), torch.Tensor({ 1, 1 }) }
   tester:eq(c:forward(x, torch.Tensor({ 1, 1 })), 0.75, 'mean of max(0, -y (x1 - x2) + 1)')
   local g = c:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(g[1], torch.Tensor({ 0, -0.5 }), 'gradient of x1')
   tester:eq(g[2], torch.Tensor({ 0, 0.5 }), 'gradient of x2')
   local one = { torch.Tensor({ 0.5 }), torch.Tensor({ 1 }) }
   tester:eq(c:forward(one, -1), 0.5, 'single pair with a number label')
   local g1 = c:backward(one, -1)
   tester:eq(g1[1][1], 1, 'single pair gradient')
   tester:eq(g1[2][1], -1, 'single pair gradient of x2')
end

function tests.toString()
   tester:eq(tostring(nn.MarginRankingCriterion()), 'nn.MarginRankingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   pairRoundTrip(nn.MarginRankingCriterion(0.3), { torch.randn(4), torch.randn(4) },
      torch.Tensor({ 1, -1, -1, 1 }))
end

tester:add(tests)
return tester
