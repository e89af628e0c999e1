-- nn.SpatialDilatedConvolution: dilated taps, inherited fields, gradients, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.SpatialDilatedConvolution(2, 3, 3, 2, 1, 1, 1, 0, 2, 2),
      torch.Tensor(2, 2, 5, 6))
   H.jacobian(tester, nn.SpatialDilatedConvolution(2, 2, 2, 2, 2, 1, 0, 1, 1, 3),
      torch.Tensor(2, 6, 5))
end

function tests.dilationOneEqualsSpatialConvolution()
   torch.manualSeed(4)
   local d = nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   torch.manualSeed(4)
   local s = nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   tester:eq(d.dilationW, 1, 'default dilation')
   local x = torch.rand(2, 2, 5, 5)
   tester:eq(H.maxDiff(d:forward(x), s:forward(x)), 0, 'same output')
end

function tests.dilatedTapsSkipPixels()
   local m = nn.SpatialDilatedConvolution(1, 1, 2, 1, 1, 1, 0, 0, 3, 1)
   m.weight:fill(1)
   m.bias:zero()
   local y = m:forward(torch.Tensor({ { { 1, 2, 3, 4, 5 } } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 5, 7 } } })), 0, 'x[i] + x[i + 3]')
end

function tests.badInputNamesTheModule()
   local m = nn.SpatialDilatedConvolution(1, 1, 3, 3, 1, 1, 0, 0, 2, 2)
   local ok, err = pcall(function() m:forward(torch.rand(1, 4, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialDilatedConvolution', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialDilatedConvolution(2, 4, 3, 3, 1, 1, 0, 0, 2, 2),
      'nn.SpatialDilatedConvolution(2 -> 4, 3x3, 2,2)')
   H.common(tester, nn.SpatialDilatedConvolution(2, 4, 3, 3, 2, 2, 1, 1, 2, 3):noBias(),
      'nn.SpatialDilatedConvolution(2 -> 4, 3x3, 2,2, 1,1, 2,3) without bias')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 1, 1, 2, 2),
      torch.rand(2, 2, 6, 5))
end

tester:add(tests)
return tester
