-- nn.PartialLinear: a Linear layer restricted to a chosen set of output columns.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function lookup(m) return m.network:get(1):get(2) end

-- A 3 -> 4 layer with weight row o = (o, -o, 2o) / 10 and bias o / 100.
local function fixedLayer(typename)
   local m = nn.PartialLinear(3, 4)
   if typename then m:type(typename) end
   local w = lookup(m).weight
   for o = 1, 4 do
      w[o]:copy(torch.Tensor({ o, -o, 2 * o }):div(10))
      m.bias[1][o] = o / 100
   end
   return m
end

-- output[i][j] = sum_d x[i][d] * W[cols[j]][d] + b[cols[j]], by loops.
local function expectedOutput(m, x, cols)
   local w, b = lookup(m).weight, m.bias
   local y = torch.Tensor(x:size(1), #cols)
   for i = 1, x:size(1) do
      for j, c in ipairs(cols) do
         local s = b[1][c]
         for d = 1, x:size(2) do s = s + x[i][d] * w[c][d] end
         y[i][j] = s
      end
   end
   return y
end

function tests.valuesByDefinition()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local m = fixedLayer(typename)
      local x = torch.Tensor({ { 1, 2, 3 }, { -1, 0.5, 4 } })
      local tol = typename == 'torch.FloatTensor' and 1e-6 or 1e-12
      local y = m:forward(x:type(typename)):double()
      tester:assert(H.maxDiff(y, expectedOutput(m:double(), x, { 1, 2, 3, 4 })) < tol,
         typename .. ': all columns')
      m:type(typename):setPartition(torch.Tensor({ 3, 1 }))
      y = m:forward(x:type(typename)):double()
      tester:eq(H.sizes(y), '2x2', typename .. ': one output per listed column')
      tester:assert(H.maxDiff(y, expectedOutput(m:double(), x, { 3, 1 })) < tol,
         typename .. ': columns 3 and 1')
   end
end

function tests.resetPartitionMatchesLinear()
   torch.manualSeed(901)
   local m = nn.PartialLinear(5, 7)
   m.bias:uniform(-1, 1)
   m:setPartition(torch.Tensor({ 2, 6 }))
   tester:assert(m:resetPartition() == m, 'resetPartition returns self')
   local lin = nn.Linear(5, 7)
   lin.weight:copy(lookup(m).weight)
   lin.bias:copy(m.bias[1])
   local x = torch.randn(4, 5)
   tester:assert(H.maxDiff(m:forward(x), lin:forward(x)) < 1e-12, 'forward')
   local g = torch.randn(4, 7)
   tester:assert(H.maxDiff(m:backward(x, g), lin:backward(x, g)) < 1e-12, 'gradInput')
end

function tests.gradientsOnlyTouchThePartition()
   torch.manualSeed(902)
   local m = nn.PartialLinear(3, 5)
   tester:assert(m:setPartition(torch.LongTensor({ 4, 2 })) == m, 'setPartition returns self')
   tester:eq(torch.type(m.partition), torch.type(m.allcolumns), 'partition kept as allcolumns')
   local x, g = torch.randn(6, 3), torch.randn(6, 2)
   m:zeroGradParameters()
   m:forward(x)
   m:backward(x, g, 0.5)
   local gw, gb = lookup(m).gradWeight, m.gradBias
   for _, o in ipairs({ 1, 3, 5 }) do
      tester:eq(gw[o]:abs():max(), 0, 'no weight gradient for column ' .. o)
      tester:eq(gb[1][o], 0, 'no bias gradient for column ' .. o)
   end
   -- gradBias[c] = scale * sum_i g[i][j], gradWeight[c] = scale * sum_i g[i][j] * x[i]
   for j, c in ipairs({ 4, 2 }) do
      local sb, sw = 0, torch.zeros(3)
      for i = 1, 6 do
         sb = sb + g[i][j]
         sw:add(g[i][j], x[i])
      end
      tester:assert(math.abs(gb[1][c] - 0.5 * sb) < 1e-12, 'bias gradient of column ' .. c)
      tester:assert(H.maxDiff(gw[c], sw:mul(0.5)) < 1e-12, 'weight gradient of column ' .. c)
   end
   -- gradInput = g * W[cols]
   local w = lookup(m).weight
   local gi = torch.zeros(6, 3)
   for i = 1, 6 do gi[i]:add(g[i][1], w[4]):add(g[i][2], w[2]) end
   tester:assert(H.maxDiff(m.gradInput, gi) < 1e-12, 'gradInput')
end

function tests.jacobian()
   torch.manualSeed(903)
   local m = nn.PartialLinear(4, 6)
   m:setPartition(torch.Tensor({ 5, 2, 3 }))
   local x = torch.Tensor(3, 4)
   H.jacobian(tester, m, x, { bias = 'gradBias' })
   local l = lookup(m)
   local err = nn.Jacobian.testJacobianParameters(m, x, l.weight, l.gradWeight)
   tester:assert(err < H.PRECISION, 'weight error ' .. err)
   err = nn.Jacobian.testJacobianUpdateParameters(m, x, l.weight)
   tester:assert(err < H.PRECISION, 'weight update error ' .. err)
   m:resetPartition()
   H.jacobian(tester, m, x, { bias = 'gradBias' })
end

function tests.accUpdateMatchesAccGrad()
   torch.manualSeed(904)
   local m = nn.PartialLinear(3, 4):setPartition(torch.Tensor({ 1, 4 }))
   m.bias:uniform(-1, 1)
   local m2 = m:clone()
   local x, g, lr = torch.randn(5, 3), torch.randn(5, 2), 0.1
   m:forward(x)
   m:zeroGradParameters()
   m:backward(x, g)
   m:updateParameters(lr)
   m2:forward(x)
   m2:updateGradInput(x, g)
   m2:accUpdateGradParameters(x, g, lr)
   tester:assert(H.maxDiff(lookup(m).weight, lookup(m2).weight) < 1e-12, 'weight')
   tester:assert(H.maxDiff(m.bias, m2.bias) < 1e-12, 'bias')
   tester:eq(lookup(m2).gradWeight:abs():max(), 0, 'gradWeight left alone')
end

function tests.withoutBias()
   torch.manualSeed(905)
   local m = nn.PartialLinear(3, 4, false)
   tester:assert(m.bias == nil and m.gradBias == nil, 'no bias')
   m:setPartition(torch.Tensor({ 2 }))
   local x = torch.randn(2, 3)
   local y = m:forward(x)
   local w = lookup(m).weight[2]
   for i = 1, 2 do tester:assert(math.abs(y[i][1] - x[i]:dot(w)) < 1e-12, 'row ' .. i) end
   m:zeroGradParameters()
   m:backward(x, torch.ones(2, 1))
   m:updateParameters(0.1)
   tester:eq(#m:parameters(), 1, 'only the weight')
   H.common(tester, m, 'nn.PartialLinear(3 -> 4) without bias')
end

function tests.errors()
   local m = nn.PartialLinear(3, 4)
   local ok, err = pcall(function() m:forward(torch.rand(3)) end)
   tester:assert(not ok and err:find('nn.PartialLinear', 1, true) ~= nil, 'vector input')
   ok, err = pcall(function() m:forward(torch.rand(2, 5)) end)
   tester:assert(not ok and err:find('expected 3', 1, true) ~= nil, 'wrong input size')
   tester:assert(not pcall(function() nn.PartialLinear(3) end), 'output size needed')
   m:setPartition(torch.Tensor({ 5 }))
   tester:assert(not pcall(function() m:forward(torch.rand(2, 3)) end), 'column out of range')
end

function tests.clearStateAndToString()
   local m = nn.PartialLinear(5, 15)
   m:forward(torch.rand(2, 5))
   m:backward(torch.rand(2, 5), torch.rand(2, 15))
   H.common(tester, m, 'nn.PartialLinear(5 -> 15)')
   tester:eq(m.addBuffer:nElement() + m.buffer:nElement(), 0, 'buffers emptied')
   tester:eq(H.sizes(m:forward(torch.rand(3, 5))), '3x15', 'usable after clearState')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(906)
   local m = nn.PartialLinear(4, 6):setPartition(torch.Tensor({ 6, 1, 3 }))
   m.bias:uniform(-1, 1)
   H.roundTrip(tester, m, torch.randn(3, 4))
end

function tests.floatMatchesDouble()
   torch.manualSeed(907)
   local m = nn.PartialLinear(4, 6):setPartition(torch.Tensor({ 2, 5 }))
   m.bias:uniform(-1, 1)
   local mf = m:clone():float()
   tester:eq(torch.type(mf.partition), 'torch.FloatTensor', 'partition converted')
   local x, g = torch.randn(3, 4), torch.randn(3, 2)
   m:zeroGradParameters()
   mf:zeroGradParameters()
   tester:assert(H.maxDiff(mf:forward(x:float()):double(), m:forward(x)) < 1e-5, 'forward')
   local gi = mf:backward(x:float(), g:float()):double()
   tester:assert(H.maxDiff(gi, m:backward(x, g)) < 1e-5, 'gradInput')
   tester:assert(H.maxDiff(mf.gradBias:double(), m.gradBias) < 1e-5, 'gradBias')
   tester:assert(H.maxDiff(lookup(mf).gradWeight:double(), lookup(m).gradWeight) < 1e-5,
      'gradWeight')
end

tester:add(tests)
return tester
