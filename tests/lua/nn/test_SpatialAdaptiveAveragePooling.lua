-- nn.SpatialAdaptiveAveragePooling: fixed output size, overlapping windows when needed.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(91)
   H.jacobian(tester, nn.SpatialAdaptiveAveragePooling(3, 2), torch.Tensor(2, 2, 7, 8))
   H.jacobian(tester, nn.SpatialAdaptiveAveragePooling(4, 3), torch.Tensor(2, 5, 5))
end

function tests.windowMeans()
   local x = torch.range(1, 9):view(1, 3, 3)
   local y = nn.SpatialAdaptiveAveragePooling(2, 2):forward(x)
   -- windows rows {1,2},{2,3} and the same columns (overlapping)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 3, 4 }, { 6, 7 } } })), 0, 'means')
   tester:eq(H.maxDiff(nn.SpatialAdaptiveAveragePooling(1, 1):forward(x):view(1),
      torch.Tensor({ 5 })), 0, 'global average')
end

function tests.badInput()
   local ok, err = pcall(function()
      nn.SpatialAdaptiveAveragePooling(2, 2):forward(torch.rand(4))
   end)
   tester:assert(not ok and tostring(err):find('nn.SpatialAdaptiveAveragePooling', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialAdaptiveAveragePooling(2, 3), 'nn.SpatialAdaptiveAveragePooling')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(92)
   H.roundTrip(tester, nn.SpatialAdaptiveAveragePooling(3, 2), torch.rand(2, 2, 5, 6))
end

tester:add(tests)
return tester
