-- nn.SpatialUpSamplingNearest: every pixel repeated scale x scale times.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(111)
   H.jacobian(tester, nn.SpatialUpSamplingNearest(2), torch.Tensor(2, 2, 3, 2))
   H.jacobian(tester, nn.SpatialUpSamplingNearest(3), torch.Tensor(2, 2, 2))
end

function tests.repeatsPixels()
   local m = nn.SpatialUpSamplingNearest(2)
   local y = m:forward(torch.Tensor({ { { 1, 2 } } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 1, 1, 2, 2 }, { 1, 1, 2, 2 } } })), 0, 'values')
   tester:eq(m.outputSize[3], 4, 'outputSize recorded')
   tester:eq(m:backward(torch.Tensor(1, 1, 2), y:clone():fill(1)):sum(), 8, 'gradient sums')
end

function tests.badArguments()
   tester:assert(not pcall(function() nn.SpatialUpSamplingNearest(1.5) end), 'integer scale')
   tester:assert(not pcall(function() nn.SpatialUpSamplingNearest(0) end), 'scale >= 1')
   local ok, err = pcall(function() nn.SpatialUpSamplingNearest(2):forward(torch.rand(3)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialUpSamplingNearest', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialUpSamplingNearest(2), 'nn.SpatialUpSamplingNearest')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(112)
   H.roundTrip(tester, nn.SpatialUpSamplingNearest(2), torch.rand(2, 2, 3, 3))
end

tester:add(tests)
return tester
