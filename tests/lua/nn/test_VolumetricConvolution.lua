-- nn.VolumetricConvolution: 3-D convolution, defaults, gradients, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.VolumetricConvolution(2, 2, 2, 3, 2, 1, 2, 1, 1, 0, 1),
      torch.Tensor(2, 2, 3, 3, 4))
   H.jacobian(tester, nn.VolumetricConvolution(1, 2, 2, 2, 2), torch.Tensor(1, 3, 3, 3))
   H.jacobian(tester, nn.VolumetricConvolution(1, 2, 2, 2, 2):noBias(),
      torch.Tensor(1, 3, 3, 3))
end

function tests.layoutDefaultsAndDraws()
   torch.manualSeed(5)
   local m = nn.VolumetricConvolution(2, 3, 2, 3, 4, 1, 1, 1, 1)
   tester:assert(m.weight:isSize(torch.LongStorage({ 3, 2, 2, 4, 3 })), 'O x C x kT x kH x kW')
   tester:assert(m.padW == 1 and m.padH == 1, 'padW and padH default to padT')
   torch.manualSeed(5)
   local stdv = 1 / math.sqrt(2 * 3 * 4 * 2)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(3, 2, 2, 4, 3):uniform(-stdv, stdv)), 0,
      'weight first')
   tester:eq(H.maxDiff(m.bias, torch.Tensor(3):uniform(-stdv, stdv)), 0, 'then bias')
end

function tests.singleFrameEqualsSpatialConvolution()
   torch.manualSeed(4)
   local v = nn.VolumetricConvolution(2, 3, 1, 3, 3, 1, 1, 1, 0, 1, 1)
   local s = nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   s.weight:copy(v.weight:view(3, 2, 3, 3)); s.bias:copy(v.bias)
   local x = torch.rand(2, 2, 1, 5, 4)
   tester:assert(H.maxDiff(v:forward(x):select(3, 1), s:forward(x:select(3, 1))) < 1e-12,
      'one frame')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.VolumetricConvolution(2, 3, 2, 2, 2):forward(torch.rand(2, 3, 3))
   end)
   tester:assert(not ok and tostring(err):find('nn.VolumetricConvolution', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricConvolution(2, 3, 2, 3, 4),
      'nn.VolumetricConvolution(2 -> 3, 2x3x4)')
   H.common(tester, nn.VolumetricConvolution(2, 3, 2, 3, 4, 1, 2, 1, 1, 0, 1),
      'nn.VolumetricConvolution(2 -> 3, 2x3x4, 1,2,1, 1,0,1)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.VolumetricConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1),
      torch.rand(2, 2, 3, 3, 3))
   H.roundTrip(tester, nn.VolumetricConvolution(1, 2, 2, 2, 2), torch.rand(1, 3, 3, 3))
end

tester:add(tests)
return tester
