-- nn.VolumetricFractionalMaxPooling: window placements from the torch generator, fixed or
-- redrawn, output by size or ratio (inputs are planes x height x width x time), gradients.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Window starts along one axis: alpha = (n - pool) / (out - 1),
-- start_i = floor((i + u) * alpha) - floor(u * alpha) for i < out - 1, and n - pool last.
local function starts(u, n, out, pool)
   local s, alpha = {}, (n - pool) / math.max(out - 1, 1)
   for i = 0, out - 2 do s[i + 1] = math.floor((i + u) * alpha) - math.floor(u * alpha) end
   s[out] = n - pool
   return s
end

-- Max pooling of one plane (H x W x T) by definition, with the samples {uT, uW, uH}.
local function poolPlane(x, u, outT, outW, outH, pT, pW, pH)
   local sh = starts(u[3], x:size(1), outH, pH)
   local sw = starts(u[2], x:size(2), outW, pW)
   local st = starts(u[1], x:size(3), outT, pT)
   local y = torch.Tensor(outH, outW, outT)
   for h = 1, outH do
      for w = 1, outW do
         for t = 1, outT do
            y[h][w][t] = x[{ { sh[h] + 1, sh[h] + pH }, { sw[w] + 1, sw[w] + pW },
               { st[t] + 1, st[t] + pT } }]:max()
         end
      end
   end
   return y
end

function tests.jacobianWithFixedRegions()
   torch.manualSeed(161)
   local m = nn.VolumetricFractionalMaxPooling(2, 3, 2, 3, 2, 2):fixPoolingRegions()
   local x = torch.rand(2, 2, 5, 6, 7)
   m:forward(x)
   H.jacobian(tester, m, x)
   local r = nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 0.6, 0.7):fixPoolingRegions()
   r:forward(torch.rand(2, 6, 5, 8))
   H.jacobian(tester, r, torch.Tensor(2, 6, 5, 8))
end

function tests.samplesDrawnFromTheTorchGenerator()
   torch.manualSeed(162)
   local m = nn.VolumetricFractionalMaxPooling(2, 2, 2, 2, 2, 2)
   m:forward(torch.rand(2, 3, 5, 5, 5))
   torch.manualSeed(162)
   torch.rand(2, 3, 5, 5, 5)
   local want = torch.Tensor(2, 3, 3):uniform()
   tester:eq(H.maxDiff(m.randomSamples, want), 0, 'one uniform per plane and axis')
   local kept = m.randomSamples:clone()
   m:forward(torch.rand(2, 3, 5, 5, 5))
   tester:assert(H.maxDiff(m.randomSamples, kept) > 0, 'redrawn every forward')
   m:fixPoolingRegions()
   kept = m.randomSamples:clone()
   m:forward(torch.rand(2, 3, 5, 5, 5))
   tester:eq(H.maxDiff(m.randomSamples, kept), 0, 'fixed regions keep the samples')
   m:forward(torch.rand(3, 5, 5, 5))
   tester:eq(H.sizes(m.randomSamples), '1x3x3', 'a new batch size redraws, fixed or not')
   tester:assert(m:fixPoolingRegions(false) == m and m.newRandomPool == false, 'unfix')
end

function tests.windowsFromTheSamples()
   local m = nn.VolumetricFractionalMaxPooling(2, 2, 2, 3, 2, 2)
   local x = torch.range(1, 5 * 4 * 7):view(1, 5, 4, 7)
   m.randomSamples = torch.Tensor({ { { 0.6, 0.3, 0.25 } } })
   m:fixPoolingRegions()
   local y = m:forward(x)
   -- time: alpha = 2.5, starts 0, floor(4) - 1 = 3, 5; width: starts 0, 2; height: 0, 3.
   -- The maximum of a window is its far corner (h0 + 1, w0 + 1, t0 + 1), flat (h*4 + w)*7 + t.
   local want = torch.Tensor(2, 2, 3)
   for i, h in ipairs({ 0, 3 }) do
      for j, w in ipairs({ 0, 2 }) do
         for k, t in ipairs({ 0, 3, 5 }) do want[i][j][k] = ((h + 1) * 4 + w + 1) * 7 + t + 2 end
      end
   end
   tester:eq(H.maxDiff(y[1], want), 0, 'maxima')
   tester:eq(H.maxDiff(m.indices:double(), y), 0, 'flat 1-based indices')
end

function tests.randomInputsMatchTheDefinition()
   torch.manualSeed(163)
   for _, tname in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      local m = nn.VolumetricFractionalMaxPooling(3, 2, 2, 4, 3, 2):type(tname)
      local x = torch.rand(2, 2, 6, 7, 8):type(tname)
      local y = m:forward(x)
      tester:eq(torch.type(m.randomSamples), tname, 'samples in the input type')
      for b = 1, 2 do
         for p = 1, 2 do
            local u = m.randomSamples[b][p]
            local want = poolPlane(x[b][p]:double(), { u[1], u[2], u[3] }, 4, 3, 2, 3, 2, 2)
            tester:eq(H.maxDiff(y[b][p]:double(), want), 0, tname .. ' window maxima')
         end
      end
      local go = torch.rand(y:size()):type(tname)
      local gi = m:backward(x, go)
      tester:eq(gi:sum(), go:sum(), 1e-4, tname .. ' every gradient lands once')
      tester:eq(torch.type(gi), tname, 'gradInput type')
   end
end

function tests.sizesAndErrors()
   local m = nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 0.6, 0.7)
   local y = m:forward(torch.rand(2, 3, 10, 8, 9))
   tester:eq(H.sizes(y), '2x3x7x4x4', 'output from ratios (H, W, T)')
   local function fails(f, text)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find(text, 1, true), tostring(err))
      tester:assert(tostring(err):find('nn.VolumetricFractionalMaxPooling', 1, true), 'named')
   end
   fails(function() nn.VolumetricFractionalMaxPooling(2, 1, 2, 3, 3, 3) end, 'at least 2')
   fails(function() nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 1.5, 0.5) end, '(0, 1)')
   fails(function() m:forward(torch.rand(3, 10, 8)) end, 'dim 4 or 5')
   fails(function() m:forward(torch.rand(1, 1, 1, 1)) end, 'too small')
   fails(function()
      nn.VolumetricFractionalMaxPooling(2, 2, 2, 4, 4, 4):forward(torch.rand(1, 6, 6, 5))
   end, 'too small')
   fails(function()
      nn.VolumetricFractionalMaxPooling(2, 2, 2, 2, 2, 2):backward(torch.rand(1, 5, 5, 5),
         torch.rand(1, 2, 2, 2))
   end, 'forward first')
   fails(function()
      local f = nn.VolumetricFractionalMaxPooling(2, 2, 2, 2, 2, 2)
      f:forward(torch.rand(1, 5, 5, 5))
      f:backward(torch.rand(1, 5, 5, 5), torch.rand(1, 2, 2, 3))
   end, 'gradOutput')
end

function tests.clearStateAndToString()
   local m = nn.VolumetricFractionalMaxPooling(2, 3, 4, 3, 4, 5)
   m:forward(torch.rand(1, 11, 9, 7))
   H.common(tester, m, 'nn.VolumetricFractionalMaxPooling(3x4x5, 2,3,4)')
   tester:assert(m.indices == nil and m.randomSamples == nil, 'buffers dropped')
   tester:eq(tostring(nn.VolumetricFractionalMaxPooling(2, 2, 2, 0.5, 0.5, 0.5)),
      'nn.VolumetricFractionalMaxPooling(0x0x0, 2,2,2)', 'ratios print as %d does')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(164)
   -- a 1 x 1 x 1 output has one placement whatever the samples, so a reloaded module pools alike
   H.roundTrip(tester, nn.VolumetricFractionalMaxPooling(2, 2, 2, 1, 1, 1),
      torch.rand(2, 2, 4, 4, 4))
   -- fixed samples are saved with the module and reused after loading
   local m = nn.VolumetricFractionalMaxPooling(2, 2, 2, 3, 3, 3):fixPoolingRegions()
   local x = torch.rand(2, 7, 6, 8)
   local y = m:forward(x):clone()
   local file = os.tmpname()
   torch.save(file, m)
   local copy = torch.load(file)
   os.remove(file)
   tester:eq(H.maxDiff(copy:forward(x), y), 0, 'loaded module keeps its windows')
   tester:eq(copy.poolSizeT + copy.outH, 5, 'fields kept')
end

tester:add(tests)
return tester
