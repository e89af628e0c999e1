-- nn.SpatialUpSamplingBilinear: corner-aligned bilinear interpolation, by scale or size.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianScaleAndSize()
   torch.manualSeed(121)
   H.jacobian(tester, nn.SpatialUpSamplingBilinear(2), torch.Tensor(2, 2, 3, 2))
   H.jacobian(tester, nn.SpatialUpSamplingBilinear({ oheight = 5, owidth = 4 }),
      torch.Tensor(2, 3, 3))
end

function tests.interpolatesBetweenCorners()
   local m = nn.SpatialUpSamplingBilinear({ oheight = 1, owidth = 3 })
   local y = m:forward(torch.Tensor({ { { 0, 4 } } }))
   tester:eq(y:dim(), 3, '3-D input gives 3-D output')
   tester:assert(H.maxDiff(y, torch.Tensor({ { { 0, 2, 4 } } })) < 1e-12, 'midpoint')
   local s = nn.SpatialUpSamplingBilinear(2)
   tester:eq(s:forward(torch.rand(2, 1, 3, 3)):size(4), 6, 'scale multiplies the size')
end

function tests.badArguments()
   tester:assert(not pcall(function() nn.SpatialUpSamplingBilinear(2.5) end), 'integer scale')
   local ok, err = pcall(function() nn.SpatialUpSamplingBilinear(2):forward(torch.rand(3, 3)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialUpSamplingBilinear', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialUpSamplingBilinear(2), 'nn.SpatialUpSamplingBilinear(2)')
   H.common(tester, nn.SpatialUpSamplingBilinear({ oheight = 5, owidth = 7 }),
      'nn.SpatialUpSamplingBilinear(5, 7)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(122)
   H.roundTrip(tester, nn.SpatialUpSamplingBilinear(3), torch.rand(2, 2, 3, 2))
end

tester:add(tests)
return tester
