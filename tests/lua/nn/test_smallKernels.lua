-- nn._small: the LuaJIT loops for small calls give the array kernels' results, and calls the
-- loops cannot take (large, strided, integer, mixed types, storage too short) go to the
-- kernels.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local SH = dofile(dir .. 'small_helpers.lua')
local S = nn._small
local tester = torch.Tester()
local tests = {}

local bothWays, kernelCalls = SH.bothWays, SH.kernelCalls
local function assertSame(name, loop, kernel) SH.assertSame(tester, name, loop, kernel) end

function tests.linearMatchesKernel()
   torch.manualSeed(1)
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      for _, shape in ipairs({ { 4 }, { 1, 4 }, { 3, 4 }, { 2, 7 } }) do
         local ni = shape[#shape]
         local nb = #shape == 2 and shape[1] or nil
         local x = torch.randn(unpack(shape)):type(T)
         local w, b = torch.randn(5, ni):type(T), torch.randn(5):type(T)
         local y = nb and torch.Tensor(nb, 5):type(T) or torch.Tensor(5):type(T)
         local g = torch.randn(y:size()):type(T)
         local gi = x:clone():zero()
         local gw, gb = torch.randn(5, ni):type(T), torch.randn(5):type(T)
         for _, bias in ipairs({ true, false }) do
            local bb, gbb = bias and b or nil, bias and gb or nil
            local what = T .. ' ' .. H.sizes(x) .. (bias and ' bias' or '')
            assertSame('updateOutput ' .. what, bothWays(function(a)
               S.Linear_updateOutput(a[1], a[2], a[3], a[4])
            end, { x, y, w, bb }))
            assertSame('updateGradInput ' .. what, bothWays(function(a)
               S.Linear_updateGradInput(a[1], a[2], a[3], a[4])
            end, { x, g, gi, w }))
            assertSame('accGradParameters ' .. what, bothWays(function(a)
               S.Linear_accGradParameters(a[1], a[2], a[3], a[4], 0.5)
            end, { x, g, gw, gbb }))
            assertSame('backward ' .. what, bothWays(function(a)
               S.Linear_backward(a[1], a[2], a[3], a[4], a[5], a[6], 1.5)
            end, { x, g, gi, w, gw, gbb }))
         end
      end
   end
end

-- Elementwise and soft-max modules, forward and backward through nn itself.
function tests.pointwiseModulesMatchKernels()
   torch.manualSeed(2)
   local modules = {
      function() return nn.Tanh() end, function() return nn.Sigmoid() end,
      function() return nn.ReLU() end, function() return nn.Threshold(0.1, -2) end,
      function() return nn.SoftMax() end, function() return nn.LogSoftMax() end,
      function() return nn.HardTanh(0.1, 2.5) end, function() return nn.LeakyReLU(0.1) end,
      function() return nn.ELU(0.7) end, function() return nn.MulConstant(0.1) end,
   }
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      for _, make in ipairs(modules) do
         for _, shape in ipairs({ { 6 }, { 3, 5 } }) do
            local x = torch.randn(unpack(shape)):mul(3):type(T)
            x:narrow(1, 1, 1):fill(0.1)  -- at the threshold, which a Float rounds
            local g = torch.randn(x:size()):type(T)
            local name = torch.type(make()) .. ' ' .. T .. ' ' .. H.sizes(x)
            assertSame(name, bothWays(function(a)
               local m = make():type(T)
               a[3] = m:forward(a[1]):clone()
               a[4] = m:backward(a[1], a[2]):clone()
            end, { x, g }))
         end
      end
   end
end

-- In-place forms: the output is the input's memory and backward writes into gradOutput.
function tests.inPlaceActivationsMatchKernels()
   torch.manualSeed(12)
   local makes = {
      function() return nn.ReLU(true) end, function() return nn.HardTanh(-1, 1, true) end,
      function() return nn.LeakyReLU(0.2, true) end, function() return nn.ELU(0.5, true) end,
      function() return nn.MulConstant(0.3, true) end,
   }
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      for _, make in ipairs(makes) do
         local name = torch.type(make()) .. ' in place ' .. T
         assertSame(name, bothWays(function(a)
            local m = make():type(T)
            local x, g = a[1]:clone(), a[2]:clone()
            a[3] = m:forward(x):clone()
            a[4] = m:backward(x, g):clone()
            a[5] = x:clone()  -- in-place modules that restore their input
         end, { torch.randn(7):mul(2):type(T), torch.randn(7):type(T) }))
      end
   end
end

-- Dropout in every mode: the mask is drawn from the same seed on both paths.
function tests.dropoutMatchesKernel()
   local modes = {
      { 0.3, false, false, true }, { 0.3, true, false, true }, { 0.3, true, false, false },
      { 0.3, false, false, false }, { 0, false, false, true }, { 0.4, false, true, true },
   }
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      for _, mode in ipairs(modes) do
         local p, v1, inplace, train = unpack(mode)
         local name = string.format('Dropout p=%g v1=%s inplace=%s train=%s %s', p, tostring(v1),
            tostring(inplace), tostring(train), T)
         assertSame(name, bothWays(function(a)
            torch.manualSeed(21)
            local m = nn.Dropout(p, v1, inplace):type(T)
            if not train then m:evaluate() end
            local x, g = a[1]:clone(), a[2]:clone()
            a[3] = m:forward(x):clone()
            a[4] = m:backward(x, g):clone()
            a[5] = m.noise:clone()
         end, { torch.randn(3, 4):type(T), torch.randn(3, 4):type(T) }))
      end
   end
end

function tests.inplaceReLU()
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local x = torch.Tensor({ -1, 2, 0, 3 }):type(T)
      local m = nn.ReLU(true):type(T)
      local y = m:forward(x)
      tester:assert(y:data() == x:data(), 'in place')
      tester:assertTensorEq(x, torch.Tensor({ 0, 2, 0, 3 }):type(T), 0)
      local g = torch.Tensor({ 1, 1, 1, 1 }):type(T)
      m:backward(x, g)
      tester:assertTensorEq(g, torch.Tensor({ 0, 1, 0, 1 }):type(T), 0)
   end
end

-- The loops keep THNN's order of operations: the shift by the row maximum taken in the
-- tensor's type (rounded for Float), exponentials summed in order. Float results match the
-- kernels bit for bit (a last-bit difference between two exp implementations in double
-- does not survive the rounding to float); Double ones to a few units in the last place.
function tests.softMaxIsTorch7sArithmetic()
   torch.manualSeed(4)
   local base = torch.randn(6, 7):mul(10)
   base[1]:copy(torch.Tensor({ 0.3, 1.7, 1e-3, 0.1, 30.1, -2.3, 29.9 }))
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local x = base:type(T)
      local loop, kernel = bothWays(function(a)
         S.SoftMax_updateOutput(a[1], a[2])
         S.LogSoftMax_updateOutput(a[1], a[3])
      end, { x, x:clone(), x:clone() })
      local single = T == 'torch.FloatTensor'
      tester:assertTensorEq(loop[2], kernel[2], single and 0 or 1e-15, 'SoftMax ' .. T)
      tester:assertTensorEq(loop[3], kernel[3], single and 0 or 1e-13, 'LogSoftMax ' .. T)
   end
end

function tests.lookupTableMatchesKernel()
   torch.manualSeed(3)
   for _, T in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local w = torch.randn(6, 3):type(T)
      local idx = torch.LongTensor({ 2, 5, 2, 1 })
      local y = torch.Tensor(4, 3):type(T)
      assertSame('LookupTable forward ' .. T, bothWays(function(a)
         S.LookupTable_updateOutput(a[1], a[2], a[3])
      end, { idx, y, w }))
      local g, gw = torch.randn(4, 3):type(T), torch.randn(6, 3):type(T)
      for _, pad in ipairs({ 0, 2 }) do
         assertSame('LookupTable accGradParameters ' .. T .. ' padding ' .. pad,
            bothWays(function(a)
               S.LookupTable_accGradParameters(a[1], a[2], a[3], nil, false, pad, 0.25)
            end, { idx, g, gw }))
      end
   end
end

function tests.lookupTableRangeError()
   local m = nn.LookupTable(5, 2)
   for _, big in ipairs({ false, true }) do
      local macs, pw = S.LINEAR_MACS, S.POINTWISE
      if big then S.LINEAR_MACS, S.POINTWISE = 0, 0 end
      local ok, err = pcall(m.forward, m, torch.LongTensor({ 1, 6, 0 }))
      S.LINEAR_MACS, S.POINTWISE = macs, pw
      tester:assert(not ok, 'out of range')
      tester:assert(tostring(err):find('indices must be in %[1, 5%], got values in %[0, 6%]'),
         tostring(err))
   end
end

function tests.smallCallsStayInLua()
   local lin = nn.Linear(4, 3)
   local x = torch.randn(2, 4)
   tester:asserteq(kernelCalls('Linear_updateOutput', function() lin:forward(x) end), 0)
   tester:asserteq(kernelCalls('Linear_backward', function()
      lin:backward(x, torch.randn(2, 3))
   end), 0)
   tester:asserteq(kernelCalls('Tanh_updateOutput', function() nn.Tanh():forward(x) end), 0)
   tester:asserteq(kernelCalls('Dropout_updateOutput', function() nn.Dropout():forward(x) end), 0)
   local lookup = nn.LookupTable(5, 2)
   tester:asserteq(kernelCalls('LookupTable_updateOutput', function()
      lookup:forward(torch.LongTensor({ 3 }))
   end), 0)
end

function tests.otherCallsGoToKernels()
   local lin = nn.Linear(4, 3)
   local function calls(x)
      return kernelCalls('Linear_updateOutput', function() lin:forward(x) end)
   end
   tester:asserteq(calls(torch.randn(4, 2):t()), 1, 'strided input')
   tester:asserteq(calls(torch.randn(math.floor(S.LINEAR_MACS / 12) + 1, 4)), 1, 'large')
   tester:asserteq(calls(torch.randn(2, 4):float()), 1, 'a Float input to a Double module')
   tester:asserteq(kernelCalls('Tanh_updateOutput', function()
      nn.Tanh():forward(torch.randn(S.POINTWISE + 1))
   end), 1, 'large pointwise')
   tester:asserteq(kernelCalls('Tanh_updateOutput', function()
      nn.Tanh():forward(torch.Tensor())
   end), 1, 'empty')
   tester:asserteq(kernelCalls('LogSoftMax_updateOutput', function()
      nn.LogSoftMax():forward(torch.randn(2, 3, 2))
   end), 1, '3-D soft-max')
   tester:asserteq(kernelCalls('LookupTable_accGradParameters', function()
      local m = nn.LookupTable(4, 2):scaleGradByFreq()
      m:backward(torch.LongTensor({ 1, 1 }), torch.randn(2, 2))
   end), 1, 'scaleGradByFreq')
end

-- A tensor whose storage was cut short never reaches a loop, which would read past the
-- storage and return; the array side refuses it.
function tests.shortStorageNeverLoops()
   local x, y = torch.randn(8), torch.Tensor(8)
   x:storage():resize(4)
   tester:assert(not pcall(S.Tanh_updateOutput, x, y), 'Tanh')
   local w = torch.randn(3, 8)
   tester:assert(not pcall(S.Linear_updateOutput, x, torch.Tensor(3), w, nil), 'Linear')
end

tester:add(tests)
return tester
