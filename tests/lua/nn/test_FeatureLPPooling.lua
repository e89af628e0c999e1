-- nn.FeatureLPPooling: p-norms of windows of neighbouring features.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Reference: pool the feature dimension `f` of x, one output element at a time.
local function reference(x, f, width, stride, p)
   local nOut = math.floor((x:size(f) - width) / stride) + 1
   local size = x:size()
   size[f] = nOut
   local y = torch.Tensor(size):zero()
   for k = 1, nOut do
      local yk = y:narrow(f, k, 1)
      for i = 0, width - 1 do
         local xi = x:narrow(f, (k - 1) * stride + i + 1, 1)
         yk:add(torch.pow(xi, p))
      end
      yk:pow(1 / p)
   end
   return y
end

local CASES = {
   -- size, width, stride, power, batch_mode
   { { 9 }, 3, 2, 2, false },
   { { 8, 2 }, 4, 1, 1, false },
   { { 7, 2, 3 }, 2, 3, 4, false },
   { { 2, 10 }, 5, 4, 2, true },
   { { 3, 6, 2 }, 2, 2, 3, true },
   { { 2, 5, 2, 2 }, 3, 1, 2, true },
}

function tests.valuesByDefinition()
   torch.manualSeed(1401)
   for _, c in ipairs(CASES) do
      local x = torch.rand(torch.LongStorage(c[1])):add(0.1)
      local m = nn.FeatureLPPooling(c[2], c[3], c[4], c[5])
      local y = m:forward(x)
      local ref = reference(x, c[5] and 2 or 1, c[2], c[3], c[4])
      tester:eq(H.sizes(y), H.sizes(ref), 'size for input ' .. H.sizes(x))
      tester:assert(H.maxDiff(y, ref) < 1e-12, 'values for input ' .. H.sizes(x))
   end
   -- p = 1 on 0, 1, 2, ...: windows of three features sum to 3k + 3 (k from 0)
   local y = nn.FeatureLPPooling(3, 1, 1, false):forward(torch.range(0, 5))
   tester:eq(H.maxDiff(y, torch.Tensor({ 3, 6, 9, 12 })), 0, 'L1 sums')
end

function tests.jacobian()
   torch.manualSeed(1402)
   for _, c in ipairs(CASES) do
      if c[4] ~= 3 then  -- odd powers of negative inputs have no real root
         H.jacobian(tester, nn.FeatureLPPooling(c[2], c[3], c[4], c[5]),
            torch.Tensor(torch.LongStorage(c[1])))
      end
   end
end

function tests.batchMatchesSingle()
   torch.manualSeed(1403)
   local x = torch.rand(3, 7, 2)
   local yb = nn.FeatureLPPooling(3, 2, 2, true):forward(x):clone()
   local m = nn.FeatureLPPooling(3, 2, 2, false)
   for i = 1, 3 do
      tester:assert(H.maxDiff(m:forward(x[i]), yb[i]) < 1e-12, 'sample ' .. i)
   end
end

function tests.numericBatchMode()
   torch.manualSeed(1404)
   local x = torch.rand(2, 6)
   local ref = nn.FeatureLPPooling(2, 2, 2, true):forward(x)
   tester:eq(H.maxDiff(nn.FeatureLPPooling(2, 2, 2, 1):forward(x), ref), 0, '1 is batch mode')
   local y = nn.FeatureLPPooling(2, 2, 2, 0):forward(x)
   tester:eq(H.sizes(y), '1x6', '0 is not batch mode')
   tester:eq(H.sizes(nn.FeatureLPPooling(2, 2, 2):forward(x)), '1x6', 'nil is not batch mode')
end

function tests.zeroOutputGivesZeroGradient()
   local m = nn.FeatureLPPooling(3, 1, 2, false)
   local x = torch.zeros(10)
   m:forward(x)
   local g = m:backward(x, torch.ones(8))
   tester:eq(g:ne(g):sum(), 0, 'no NaN')
   tester:eq(g:abs():max(), 0, 'all zero')
end

function tests.floatMatchesDouble()
   torch.manualSeed(1405)
   local x = torch.rand(2, 9, 3)
   local md = nn.FeatureLPPooling(4, 1, 2, true)
   local yd = md:forward(x)
   local m = nn.FeatureLPPooling(4, 1, 2, true):float()
   local yf = m:forward(x:float())
   tester:eq(torch.type(yf), 'torch.FloatTensor', 'float output')
   tester:assert(H.maxDiff(yf:double(), yd) < 1e-5, 'float values')
   local go = torch.rand(yd:size())
   local gd = md:backward(x, go)
   local gf = m:backward(x:float(), go:float())
   tester:eq(torch.type(gf), 'torch.FloatTensor', 'float gradient')
   tester:assert(H.maxDiff(gf:double(), gd) < 1e-5, 'float gradient values')
end

function tests.nonContiguousInput()
   torch.manualSeed(1406)
   local x = torch.rand(2, 8, 2):transpose(1, 3)
   tester:assert(not x:isContiguous(), 'a transposed input')
   local m = nn.FeatureLPPooling(2, 2, 4, true)
   local y = m:forward(x):clone()
   tester:assert(H.maxDiff(y, reference(x, 2, 2, 2, 4)) < 1e-12, 'forward')
   local g = torch.rand(2, 4, 2):transpose(1, 3)
   local gi = m:backward(x, g):clone()
   tester:assert(H.maxDiff(gi, m:backward(x:clone(), g:clone())) < 1e-12, 'backward')
end

local function fails(f, what)
   local ok, err = pcall(f)
   tester:assert(not ok and tostring(err):find('nn.FeatureLPPooling', 1, true) ~= nil,
      what .. ': ' .. tostring(err))
end

function tests.errors()
   fails(function() nn.FeatureLPPooling(1, 1, 2) end, 'width 1')
   fails(function() nn.FeatureLPPooling(17, 1, 2) end, 'width 17')
   fails(function() nn.FeatureLPPooling(2, 0, 2) end, 'stride 0')
   fails(function() nn.FeatureLPPooling(2, 5, 2) end, 'stride 5')
   fails(function() nn.FeatureLPPooling(2, 1) end, 'power needed')
   fails(function() nn.FeatureLPPooling(2, 1, 2, true):forward(torch.rand(5)) end,
      '1-D input in batch mode')
   fails(function() nn.FeatureLPPooling(2, 1, 2, false):forward(torch.rand(1, 5, 1, 1)) end,
      '4-D input without batch mode')
   fails(function() nn.FeatureLPPooling(4, 1, 2, true):forward(torch.rand(5, 3)) end,
      'fewer features than the width')
   local m = nn.FeatureLPPooling(2, 1, 2, false)
   local x = torch.rand(5)
   m:forward(x)
   fails(function() m:backward(x, torch.rand(5)) end, 'gradOutput size')
end

function tests.clearStateAndToString()
   local m = nn.FeatureLPPooling(3, 1, 2, true)
   m:forward(torch.rand(2, 5))
   H.common(tester, m, 'nn.FeatureLPPooling(w3 s1 power 2 batch 1)')
   tester:eq(m.output:nElement(), 0, 'clearState empties the output')
   H.common(tester, nn.FeatureLPPooling(4, 2, 1.5, false),
      'nn.FeatureLPPooling(w4 s2 power 1.5 batch 0)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(1407)
   local m = nn.FeatureLPPooling(3, 2, 2, true)
   H.roundTrip(tester, m, torch.rand(2, 9, 2))
   H.roundTrip(tester, nn.FeatureLPPooling(2, 1, 4, false), torch.rand(6, 2, 2))
end

tester:add(tests)
return tester
