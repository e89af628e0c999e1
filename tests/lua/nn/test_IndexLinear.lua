-- nn.IndexLinear: a linear layer over {keys, values} sparse input with a feature-major weight.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function keys(t) return torch.LongTensor(t) end

-- A 4 -> 2 layer: weight row k is {k, 10k}, bias {100, 200}.
local function fixed(typename, doGradInput, keysOffset)
   local m = nn.IndexLinear(4, 2, doGradInput, keysOffset):type(typename or 'torch.DoubleTensor')
   m.weight:copy(torch.Tensor({ { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 } }))
   m.bias:copy(torch.Tensor({ 100, 200 }))
   return m
end

function tests.valuesByDefinition()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local m = fixed(typename)
      local v = torch.Tensor({ 2, -1 }):type(typename)
      local y = m:forward({ keys({ 1, 3 }), v })  -- 2 * row 1 - row 3
      tester:eq(y:dim(), 1, typename .. ': one sample gives a vector')
      tester:eq(H.maxDiff(y, torch.Tensor({ 99, 190 })), 0, typename .. ' one sample')
      local v2 = torch.Tensor({ 1, 0.5 }):type(typename)
      local expected = torch.Tensor({ { 99, 190 }, { 106, 260 } })
      y = m:forward({ { keys({ 1, 3 }), keys({ 4, 4 }) }, { v, v2 } })
      tester:eq(H.maxDiff(y, expected), 0, typename .. ' batch (repeated key 4)')
      y = m:forward({ keys({ 1, 3, 4, 4 }), torch.cat(v, v2), keys({ 2, 2 }) })
      tester:eq(H.maxDiff(y, expected), 0, typename .. ' flat batch')
      y = m:forward({ keys({ 1, 3 }), v, 2 })
      tester:eq(H.sizes(y), '1x2', typename .. ' flat batch of one, sizes a number')
   end
   -- keysOffset 1: 0-based keys, key k names row k + 1
   local y = fixed(nil, false, 1):forward({ keys({ 0, 3 }), torch.Tensor({ 1, 1 }) })
   tester:eq(H.maxDiff(y, torch.Tensor({ 105, 250 })), 0, 'keysOffset')
end

function tests.gradInputIsDense()
   local m = fixed(nil, true)
   local input = { { keys({ 1 }), keys({ 2, 3 }) },
      { torch.Tensor({ 1 }), torch.Tensor({ 1, 1 }) } }
   m:forward(input)
   local gi = m:backward(input, torch.Tensor({ { 1, 0 }, { 0, 1 } }))
   tester:eq(#gi[1], 2, 'keys per sample')
   tester:eq(H.maxDiff(gi[1][2], torch.LongTensor({ 1, 2, 3, 4 })), 0, 'all features')
   tester:eq(H.maxDiff(gi[2][1], torch.Tensor({ 1, 2, 3, 4 })), 0, 'sample 1')
   tester:eq(H.maxDiff(gi[2][2], torch.Tensor({ 10, 20, 30, 40 })), 0, 'sample 2')
   local flat = { keys({ 1, 2, 3 }), torch.Tensor({ 1, 1, 1 }), keys({ 1, 2 }) }
   m:forward(flat)
   gi = m:backward(flat, torch.Tensor({ { 1, 0 }, { 1, 1 } }))
   tester:eq(H.sizes(gi[1]), '2x4', 'flat keys')
   tester:eq(H.maxDiff(gi[2][2], torch.Tensor({ 11, 22, 33, 44 })), 0, 'flat values')
   local one = { keys({ 2 }), torch.Tensor({ 3 }) }
   m:forward(one)
   gi = m:backward(one, torch.Tensor({ 0, 1 }))
   tester:eq(H.maxDiff(gi[2], torch.Tensor({ 10, 20, 30, 40 })), 0, 'one sample')
   local plain = fixed()
   plain:forward(one)
   tester:eq(#plain:backward(one, torch.Tensor({ 0, 1 })), 0, 'no gradInput by default')
   local n = nn.IndexLinear(4, 2, true, nil, nil, nil, true)
   n:forward(one)
   tester:assert(not pcall(function() n:backward(one, torch.Tensor({ 0, 1 })) end),
      'no gradInput with normalization')
end

function tests.matchesLinear()
   torch.manualSeed(4201)
   local m = nn.IndexLinear(6, 3)
   m:reset()
   local l = nn.Linear(6, 3)
   l.weight:copy(m.weight:t())
   l.bias:copy(m.bias)
   local input = { { keys({ 2, 5 }), keys({ 1, 5, 5 }) },
      { torch.Tensor({ 0.5, -1.5 }), torch.Tensor({ 2, 0.5, 0.5 }) } }
   local dense = torch.Tensor({ { 0, 0.5, 0, 0, -1.5, 0 }, { 2, 0, 0, 0, 1, 0 } })
   local go = torch.rand(2, 3)
   for n = 1, 3 do  -- gradients of n calls accumulate until updateParameters
      for _ = 1, n do
         tester:assert(H.maxDiff(m:forward(input), l:forward(dense)) < 1e-12, 'output ' .. n)
         m:backward(input, go)
         l:backward(dense, go)
      end
      m:updateParameters(0.1)
      l:updateParameters(0.1)
      tester:assert(H.maxDiff(m.weight:t(), l.weight) < 1e-12, 'weight ' .. n)
      tester:assert(H.maxDiff(m.bias, l.bias) < 1e-12, 'bias ' .. n)
      m:zeroGradParameters()
      l:zeroGradParameters()
      tester:eq(m.gradBias:abs():sum(), 0, 'gradBias zeroed ' .. n)
   end
   m:forward(input)
   m:backwardUpdate(input, go, 0.1)
   l:forward(dense)
   l:backwardUpdate(dense, go, 0.1)
   tester:assert(H.maxDiff(m.weight:t(), l.weight) < 1e-12, 'accUpdate weight')
   tester:assert(H.maxDiff(m.bias, l.bias) < 1e-12, 'accUpdate bias')
end

function tests.jacobian()
   torch.manualSeed(4202)
   local m = nn.IndexLinear(5, 3)
   m:reset()
   local input = { { keys({ 2, 5 }), keys({ 1, 3 }) },
      { torch.Tensor({ 0.5, -1.5 }), torch.Tensor({ 2, 0.25 }) } }
   for name, p in pairs({ weight = m.weight, bias = m.bias }) do
      p:copy(torch.rand(p:size()):mul(4):add(-2))
      local err = H.maxDiff(nn.Jacobian.backwardUpdate(m, input, p),
         nn.Jacobian.forwardUpdate(m, input, p))
      tester:assert(err < H.PRECISION, name .. ' update error ' .. err)
   end
end

function tests.normalization()
   local m = nn.IndexLinear(3, 1, false, nil, nil, nil, true)
   tester:eq(H.sizes(m.weight), '3x5', 'four normalization columns')
   m.weight:select(2, 5):fill(1)
   -- as in Torch7, a module is in training only after training(): before, maxima stay put
   m:forward({ keys({ 1 }), torch.Tensor({ 3 }) })
   tester:eq(m.weight[1][1], 0, 'no maximum recorded before training()')
   m:training()
   -- key 1 sees 1 then -2: each value is divided by the largest |value| seen so far
   local y = m:forward({ keys({ 1, 1, 2 }), torch.Tensor({ 1, -2, 4 }), keys({ 2, 1 }) })
   tester:eq(H.maxDiff(y, torch.Tensor({ { 0 }, { 1 } })), 0, 'normalized output')
   tester:eq(H.maxDiff(m.weight[1], torch.Tensor({ 2, 0.5, 1, 0, 1 })), 0, 'row 1 state')
   m:evaluate()
   y = m:forward({ keys({ 1 }), torch.Tensor({ -6 }) })
   tester:eq(H.maxDiff(y, torch.Tensor({ -1 })), 0, 'evaluation clips to the sign')
   tester:eq(m.weight[1][1], 2, 'maximum kept in evaluation')
end

function tests.errors()
   local m = nn.IndexLinear(4, 2)
   local function fails(input, pattern, what)
      local ok, err = pcall(function() return m:forward(input) end)
      tester:assert(not ok and tostring(err):find(pattern) ~= nil, what .. ': ' .. tostring(err))
   end
   fails({ keys({ 5 }), torch.Tensor({ 1 }) }, 'out of bounds', 'key above inputSize')
   fails({ keys({ 0 }), torch.Tensor({ 1 }) }, 'out of bounds', 'key 0')
   fails({ keys({ 1, 2 }), torch.Tensor({ 1, 1 }), keys({ 1 }) }, 'add up', 'sizes')
   fails({ keys({ 1, 2 }), torch.Tensor({ 1 }) }, 'nn.IndexLinear', 'sizes differ')
   fails({ { keys({ 1 }) }, torch.Tensor({ 1 }) }, 'nn.IndexLinear: wrong input format', 'mixed')
   fails(torch.Tensor(2), 'nn.IndexLinear', 'a tensor')
   tester:assert(pcall(function() m:updateParameters() end), 'nothing held: nothing to do')
   tester:eq(m.running.counter, 1, 'still nothing held')
   m:forward({ keys({ 1 }), torch.Tensor({ 1 }) })
   m:backward({ keys({ 1 }), torch.Tensor({ 1 }) }, torch.Tensor({ 1, 1 }))
   tester:assert(not pcall(function() m:updateParameters() end), 'learning rate needed')
end

function tests.clearStateAndToString()
   local m = nn.IndexLinear(4, 2)
   local input = { keys({ 1 }), torch.Tensor({ 1 }) }
   m:forward(input)
   m:backward(input, torch.Tensor({ 1, 1 }))
   H.common(tester, m, 'nn.IndexLinear')
   tester:eq(m.running.counter, 1, 'held gradient rows dropped')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(4203)
   local m = nn.IndexLinear(5, 3, true)
   m:reset()
   local input = { { keys({ 2, 5 }), keys({ 1 }) },
      { torch.Tensor({ 0.5, -1 }), torch.Tensor({ 2 }) } }
   H.roundTrip(tester, m, input)
   local f = nn.IndexLinear(5, 3, false, nil, nil, nil, true):float()
   f:reset()
   H.roundTrip(tester, f, { keys({ 2, 5, 1 }), torch.FloatTensor({ 0.5, -1, 2 }), keys({ 2, 1 }) })
end

tester:add(tests)
return tester
