-- nn.Dropout: masks from the torch generator, version 1 and 2 scaling.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianWithFixedMask()
   torch.manualSeed(26)
   local m = nn.Dropout(0.4)
   local x = torch.rand(3, 4)
   local y = m:forward(x)
   local go = torch.rand(3, 4)
   local gi = m:backward(x, go)
   local expected = torch.cmul and torch.cmul(go, m.noise) or nil
   if expected then tester:eq(H.maxDiff(gi, expected), 0, 'gradient is masked') end
   for i = 1, 3 do
      for j = 1, 4 do
         local keep = m.noise[i][j]
         tester:assert(keep == 0 or math.abs(keep - 1 / 0.6) < 1e-15, 'v2 mask is 0 or 1/(1-p)')
         tester:assert(math.abs(y[i][j] - x[i][j] * keep) < 1e-15, 'output = input * mask')
      end
   end
end

function tests.maskComesFromBernoulli()
   torch.manualSeed(5)
   local m = nn.Dropout(0.3)
   m:forward(torch.Tensor(10, 10):fill(1))
   torch.manualSeed(5)
   local ref = torch.Tensor(10, 10):bernoulli(0.7)
   tester:eq(H.maxDiff(m.noise * 0.7, ref), 0, 'same draws as bernoulli(1-p)')
end

function tests.evaluateAndVersionOne()
   local x = torch.Tensor(4):fill(2)
   local m = nn.Dropout(0.25)
   m:evaluate()
   tester:eq(H.maxDiff(m:forward(x), x), 0, 'v2 passes through when evaluating')
   local v1 = nn.Dropout(0.25, true)
   v1:evaluate()
   tester:eq(H.maxDiff(v1:forward(x), torch.Tensor(4):fill(1.5)), 0, 'v1 scales by 1-p')
   tester:eq(H.maxDiff(v1:backward(x, x), torch.Tensor(4):fill(1.5)), 0, 'v1 gradient scaled')
   v1:training()
   v1:forward(x)
   for i = 1, 4 do tester:assert(v1.noise[i] == 0 or v1.noise[i] == 1, 'v1 mask is 0/1') end
   tester:assert(not pcall(function() nn.Dropout(1) end), 'p must be below 1')
end

function tests.jacobianEvaluating()
   local m = nn.Dropout(0.5, true)
   m:evaluate()
   H.jacobian(tester, m, torch.Tensor(3, 2))
end

function tests.clearStateAndToString()
   local m = nn.Dropout(0.5)
   m:forward(torch.Tensor(2, 2):fill(1))
   H.common(tester, m, 'nn.Dropout(0.500000)')
   tester:eq(m.noise:nElement(), 0, 'noise cleared')
end

function tests.saveLoadRoundTrip()
   local m = nn.Dropout(0.3)
   m:evaluate()
   H.roundTrip(tester, m, torch.rand(2, 3))
end

tester:add(tests)
return tester
