-- nn.VolumetricDilatedConvolution: 3-D convolution with spaced kernel taps.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.matchesZeroFilledDenseKernel()
   torch.manualSeed(11)
   -- taps 2 apart in time and width, 1 apart in height: a dense 3x2x3 kernel with zeros
   local m = nn.VolumetricDilatedConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1, 0, 1, 2, 2, 1)
   local dense = nn.VolumetricConvolution(2, 3, 3, 3, 2, 1, 1, 1, 1, 0, 1)
   dense.weight:zero()
   -- dense taps (2t - 1, 2w - 1) hold the dilated kernel's tap (t, w)
   local function denseTap(w, t, c) return w[{ {}, {}, 2 * t - 1, {}, 2 * c - 1 }] end
   local function tap(w, t, c) return w[{ {}, {}, t, {}, c }] end
   for t = 1, 2 do
      for c = 1, 2 do denseTap(dense.weight, t, c):copy(tap(m.weight, t, c)) end
   end
   dense.bias:copy(m.bias)
   local x = torch.rand(2, 2, 5, 4, 6)
   local y = m:forward(x)
   tester:eq(H.sizes(y), '2x3x5x5x4', 'output size')
   tester:assert(H.maxDiff(y, dense:forward(x)) < 1e-12, 'forward')
   local go = torch.rand(y:size())
   tester:assert(H.maxDiff(m:backward(x, go), dense:backward(x, go)) < 1e-12, 'backward')
   for t = 1, 2 do
      for c = 1, 2 do
         tester:assert(H.maxDiff(tap(m.gradWeight, t, c), denseTap(dense.gradWeight, t, c))
            < 1e-12, 'weight gradient')
      end
   end
   tester:assert(H.maxDiff(m.gradBias, dense.gradBias) < 1e-12, 'bias gradient')
end

function tests.jacobian()
   torch.manualSeed(23)
   H.jacobian(tester, nn.VolumetricDilatedConvolution(2, 3, 2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2),
      torch.Tensor(2, 4, 4, 4))
   H.jacobian(tester, nn.VolumetricDilatedConvolution(2, 2, 2, 3, 2, 2, 1, 2, 1, 1, 1, 1, 2, 2),
      torch.Tensor(2, 2, 5, 6, 5))
   H.jacobian(tester, nn.VolumetricDilatedConvolution(1, 2, 2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 1, 1)
      :noBias(), torch.Tensor(1, 4, 3, 3))
end

function tests.batchMatchesSingle()
   torch.manualSeed(7)
   local m = nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2, 1, 1, 1, 1, 0, 1, 2, 1, 2)
   local x = torch.rand(3, 2, 5, 5, 6)
   local y = m:forward(x):clone()
   local go = torch.rand(y:size())
   local gi = m:backward(x, go):clone()
   for i = 1, 3 do
      tester:assert(H.maxDiff(m:forward(x[i]), y[i]) < 1e-12, 'forward of sample ' .. i)
      tester:assert(H.maxDiff(m:backward(x[i], go[i]), gi[i]) < 1e-12,
         'backward of sample ' .. i)
   end
end

function tests.errors()
   local function fails(f, pattern, msg)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find(pattern) ~= nil, msg .. ': ' .. tostring(err))
   end
   fails(function()
      nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2):forward(torch.rand(2, 4, 4))
   end, 'nn.VolumetricDilatedConvolution: input must be 4%-D', 'input rank')
   fails(function()
      nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2):forward(torch.rand(3, 4, 4, 4))
   end, 'input has 3 planes, expected 2', 'planes')
   fails(function()
      nn.VolumetricDilatedConvolution(1, 1, 2, 2, 2, 1, 1, 1, 0, 0, 0, 3, 3, 3)
         :forward(torch.rand(1, 3, 3, 3))
   end, 'too small', 'dilated window bigger than the input')
   fails(function()
      nn.VolumetricDilatedConvolution(1, 1, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 1, 1)
         :forward(torch.rand(1, 3, 3, 3))
   end, 'dilation should be greater than zero', 'dilation')
end

function tests.saveLoadAndCommon()
   torch.manualSeed(2)
   local m = nn.VolumetricDilatedConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2)
   H.roundTrip(tester, m, torch.rand(2, 5, 5, 5))
   H.common(tester, m, 'nn.VolumetricDilatedConvolution(2 -> 3, 2x2x2, 1,1,1, 1,1,1, 2,2,2)')
   H.common(tester, nn.VolumetricDilatedConvolution(1, 2, 3, 3, 3):noBias(),
      'nn.VolumetricDilatedConvolution(1 -> 2, 3x3x3, 1,1,1) without bias')
end

tester:add(tests)
return tester
