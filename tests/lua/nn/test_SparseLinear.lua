-- nn.SparseLinear: a linear layer over {index, value} sparse input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- A 2 -> 4 layer with weight rows 1..4 and 10..40, bias {100, 200}.
local function fixed(typename, doGradInput)
   local m = nn.SparseLinear(4, 2, doGradInput):type(typename or 'torch.DoubleTensor')
   m.weight:copy(torch.Tensor({ { 1, 2, 3, 4 }, { 10, 20, 30, 40 } }))
   m.bias:copy(torch.Tensor({ 100, 200 }))
   return m
end

local function sample(t) return torch.Tensor(t) end

function tests.valuesByDefinition()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local m = fixed(typename)
      -- 2 * column 1 - column 3 (+ bias)
      local x = sample({ { 1, 2 }, { 3, -1 } }):type(typename)
      local y = m:forward(x)
      tester:eq(y:dim(), 1, typename .. ': one sample gives a vector')
      tester:eq(H.maxDiff(y, torch.Tensor({ 100 + 2 - 3, 200 + 20 - 30 })), 0, typename)
      -- a batch: the second sample repeats column 4 (the values add up)
      local x2 = sample({ { 4, 1 }, { 4, 0.5 } }):type(typename)
      y = m:forward({ x, x2 })
      tester:eq(H.maxDiff(y, torch.Tensor({ { 99, 190 }, { 106, 260 } })), 0, typename .. ' batch')
      -- the legacy batch x nnz x 2 layout, a zero value padding the second sample
      local legacy = torch.Tensor({ { { 1, 2 }, { 3, -1 } }, { { 4, 1.5 }, { 1, 0 } } })
      y = m:forward(legacy:type(typename))
      tester:eq(H.maxDiff(y, torch.Tensor({ { 99, 190 }, { 106, 260 } })), 0, typename .. ' legacy')
      -- an empty batch gives the bias
      tester:eq(H.maxDiff(m:forward({}), m.bias), 0, typename .. ' empty batch')
   end
end

function tests.gradInputIsDense()
   local m = fixed(nil, true)
   local x = sample({ { 1, 2 }, { 3, -1 } })
   m:forward({ x, x })
   local gi = m:backward({ x, x }, torch.Tensor({ { 1, 0 }, { 0, 1 } }))
   tester:eq(#gi, 2, 'one tensor per sample')
   tester:eq(H.maxDiff(gi[1], torch.Tensor({ { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } })), 0, 'row 1')
   tester:eq(H.maxDiff(gi[2]:select(2, 2), torch.Tensor({ 10, 20, 30, 40 })), 0, 'row 2')
   m:forward(x)
   gi = m:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(H.maxDiff(gi[1]:select(2, 2), torch.Tensor({ 11, 22, 33, 44 })), 0, 'one sample')
   local legacy = torch.Tensor({ { { 1, 2 } }, { { 4, 1 } } })
   m:forward(legacy)
   gi = m:backward(legacy, torch.Tensor({ { 1, 0 }, { 1, 1 } }))
   tester:eq(H.sizes(gi), '2x4x2', 'legacy gradInput')
   tester:eq(H.maxDiff(gi[2]:select(2, 2), torch.Tensor({ 11, 22, 33, 44 })), 0, 'legacy row 2')
   local plain = fixed()
   plain:forward({ x })
   tester:eq(#plain:backward({ x }, torch.Tensor({ { 1, 1 } })), 0, 'no gradInput by default')
end

-- Largest difference between back-propagated and finite-difference parameter Jacobians
-- (accGradParameters and accUpdateGradParameters); the input keeps its indices.
local function paramJacobian(m, input, param, dparam)
   param:copy(torch.rand(param:size()):mul(4):add(-2))
   local err = H.maxDiff(nn.Jacobian.backward(m, input, param, dparam),
      nn.Jacobian.forward(m, input, param))
   local errUpdate = H.maxDiff(nn.Jacobian.backwardUpdate(m, input, param),
      nn.Jacobian.forwardUpdate(m, input, param))
   return math.max(err, errUpdate)
end

function tests.jacobian()
   torch.manualSeed(4101)
   local m = nn.SparseLinear(5, 3)
   local inputs = {
      { sample({ { 2, 0.5 }, { 5, -1.5 } }), sample({ { 1, 2 }, { 2, 1 }, { 2, -0.25 } }) },
      sample({ { 3, 1.25 }, { 4, -0.5 } }),
      torch.Tensor({ { { 1, 0.5 }, { 5, 1 } }, { { 2, -1 }, { 3, 0 } } }),
   }
   for i, input in ipairs(inputs) do
      tester:assert(paramJacobian(m, input, m.weight, m.gradWeight) < H.PRECISION, 'weight ' .. i)
      tester:assert(paramJacobian(m, input, m.bias, m.gradBias) < H.PRECISION, 'bias ' .. i)
   end
end

function tests.matchesLinearWithSparseUpdates()
   torch.manualSeed(4102)
   local m = nn.SparseLinear(6, 3, true)
   local l = nn.Linear(6, 3)
   l.weight:copy(m.weight)
   l.bias:copy(m.bias)
   m:zeroGradParameters()
   l:zeroGradParameters()
   local input = { sample({ { 2, 0.5 }, { 5, -1.5 } }), sample({ { 1, 2 }, { 5, 1 } }) }
   local dense = torch.Tensor({ { 0, 0.5, 0, 0, -1.5, 0 }, { 2, 0, 0, 0, 1, 0 } })
   local go = torch.rand(2, 3)
   for n = 1, 3 do  -- one accumulation takes the sparse path, more the dense one
      for _ = 1, n do
         tester:assert(H.maxDiff(m:forward(input), l:forward(dense)) < 1e-12, 'output ' .. n)
         local gi = m:backward(input, go)
         local lgi = l:backward(dense, go)
         tester:assert(H.maxDiff(gi[2]:select(2, 2), lgi[2]) < 1e-12, 'gradInput ' .. n)
      end
      m:updateParameters(0.1)
      l:updateParameters(0.1)
      tester:assert(H.maxDiff(m.weight, l.weight) < 1e-12, 'weight ' .. n)
      tester:assert(H.maxDiff(m.bias, l.bias) < 1e-12, 'bias ' .. n)
      m:zeroGradParameters()
      l:zeroGradParameters()
      tester:eq(m.gradWeight:abs():sum() + m.gradBias:abs():sum(), 0, 'zeroed ' .. n)
   end
end

function tests.sparseUpdateTouchesInputColumnsOnly()
   local m = fixed()
   m.gradWeight:fill(1)  -- stale values in columns the next input does not name
   local x = sample({ { 2, 1 }, { 3, 0 } })
   m:forward(x)
   m:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(m.sparseUpdate, 1, 'one input accumulated')
   m:updateParameters(1)
   -- column 2 gets the stale 1 plus the new 1; columns 1, 3 (zero value) and 4 are kept
   tester:eq(H.maxDiff(m.weight, torch.Tensor({ { 1, 0, 3, 4 }, { 10, 18, 30, 40 } })), 0,
      'weight')
   m:zeroGradParameters()
   tester:eq(H.maxDiff(m.gradWeight, torch.Tensor({ { 1, 0, 1, 1 }, { 1, 0, 1, 1 } })), 0,
      'only column 2 zeroed')
   tester:eq(m.sparseUpdate, 0, 'state reset')
end

function tests.errors()
   local m = nn.SparseLinear(4, 2)
   local function fails(input, pattern, what)
      local ok, err = pcall(function() return m:forward(input) end)
      tester:assert(not ok and tostring(err):find(pattern) ~= nil,
         what .. ': ' .. tostring(err))
   end
   fails(sample({ { 5, 1 } }), 'out of bounds', 'index above inputSize')
   fails(sample({ { 0, 1 } }), 'out of bounds', 'index 0')
   fails({ sample({ { 1, 1 } }), sample({ { -3, 2 } }) }, 'out of bounds', 'batch sample 2')
   fails(torch.Tensor({ { { 9, 1 } } }), 'out of bounds', 'legacy index')
   fails({ torch.Tensor(3) }, 'nn.SparseLinear: sample 1', 'sample not nnz x 2')
   fails(torch.Tensor(3), 'nn.SparseLinear', 'a vector')
   tester:assert(not pcall(function() nn.SparseLinear(4, 2, 1) end), 'doGradInput a number')
end

function tests.clearStateAndToString()
   local m = nn.SparseLinear(4, 2)
   local x = sample({ { 1, 1 } })
   m:forward(x)
   m:backward(x, torch.Tensor({ 1, 1 }))
   H.common(tester, m, 'nn.SparseLinear')
   -- with its last input dropped, zeroGradParameters falls back to zeroing everything
   m.gradWeight:fill(1)
   m:zeroGradParameters()
   tester:eq(m.gradWeight:abs():sum(), 0, 'dense zeroing after clearState')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(4103)
   H.roundTrip(tester, nn.SparseLinear(5, 3, true),
      { sample({ { 2, 0.5 }, { 5, -1.5 } }), sample({ { 1, 2 } }) })
   H.roundTrip(tester, nn.SparseLinear(5, 3):float(),
      { sample({ { 2, 0.5 }, { 5, -1.5 } }):float() })
end

tester:add(tests)
return tester
