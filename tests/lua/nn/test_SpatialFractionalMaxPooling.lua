-- nn.SpatialFractionalMaxPooling: window placements from the torch generator, fixed or
-- redrawn, output by size or ratio, gradients.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianWithFixedRegions()
   torch.manualSeed(151)
   local m = nn.SpatialFractionalMaxPooling(2, 2, 4, 3):fixPoolingRegions()
   local x = torch.rand(2, 2, 7, 9)
   m:forward(x)
   H.jacobian(tester, m, x)
   local r = nn.SpatialFractionalMaxPooling(3, 2, 0.5, 0.5):fixPoolingRegions()
   r:forward(torch.rand(2, 10, 8))
   H.jacobian(tester, r, torch.Tensor(2, 10, 8))
end

function tests.samplesDrawnFromTheTorchGenerator()
   torch.manualSeed(152)
   local m = nn.SpatialFractionalMaxPooling(2, 2, 3, 3)
   m:forward(torch.rand(2, 3, 8, 8))
   torch.manualSeed(152)
   torch.rand(2, 3, 8, 8)
   local want = torch.Tensor(2, 3, 2):uniform()
   tester:eq(H.maxDiff(m.randomSamples, want), 0, 'one uniform per plane and axis')
   local kept = m.randomSamples:clone()
   m:forward(torch.rand(2, 3, 8, 8))
   tester:assert(H.maxDiff(m.randomSamples, kept) > 0, 'redrawn every forward')
   m:fixPoolingRegions()
   kept = m.randomSamples:clone()
   m:forward(torch.rand(2, 3, 8, 8))
   tester:eq(H.maxDiff(m.randomSamples, kept), 0, 'fixed regions keep the samples')
end

function tests.windowsFromTheSamples()
   -- alpha = (iW - pool) / (oW - 1); start_i = floor((i + u) * alpha) - floor(u * alpha)
   local m = nn.SpatialFractionalMaxPooling(2, 2, 3, 2)
   local x = torch.range(1, 35):view(1, 5, 7)
   m.randomSamples = torch.Tensor({ { { 0.6, 0.25 } } })
   m:fixPoolingRegions()
   local y = m:forward(x)
   -- widths: alpha = 2.5, starts 0, floor(4)-1 = 3, 5; heights: alpha = 3, starts 0, 3
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 9, 12, 14 }, { 30, 33, 35 } } })), 0, 'maxima')
   tester:eq(m.indices[1][1][2], 12, 'flat 1-based index')
end

function tests.sizesAndErrors()
   local m = nn.SpatialFractionalMaxPooling(2, 2, 0.5, 0.7)
   local y = m:forward(torch.rand(2, 3, 10, 8))
   tester:assert(y:size(3) == 7 and y:size(4) == 4, 'output from ratios')
   tester:assert(not pcall(function() nn.SpatialFractionalMaxPooling(1, 2, 3, 3) end),
      'pool size >= 2')
   local ok, err = pcall(function()
      nn.SpatialFractionalMaxPooling(2, 2, 4, 4):forward(torch.rand(1, 5, 5))
   end)
   tester:assert(not ok and tostring(err):find('too small', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.SpatialFractionalMaxPooling(2, 3, 4, 5)
   m:forward(torch.rand(1, 9, 9))
   H.common(tester, m, 'nn.SpatialFractionalMaxPooling(4x5, 2,3)')
   tester:assert(m.indices == nil and m.randomSamples == nil, 'buffers dropped')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(153)
   -- a 1 x 1 output has one placement whatever the samples, so a reloaded module pools alike
   H.roundTrip(tester, nn.SpatialFractionalMaxPooling(2, 2, 1, 1), torch.rand(2, 2, 4, 4))
end

tester:add(tests)
return tester
