-- nn.SpatialAdaptiveMaxPooling: fixed output size, windows from THNN's bounds, two index planes.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(81)
   H.jacobian(tester, nn.SpatialAdaptiveMaxPooling(3, 2), torch.Tensor(2, 2, 7, 8))
   H.jacobian(tester, nn.SpatialAdaptiveMaxPooling(4, 4), torch.Tensor(2, 5, 5))
end

function tests.windowsAndIndexPlanes()
   local x = torch.range(1, 16):view(1, 4, 4)
   local m = nn.SpatialAdaptiveMaxPooling(2, 2)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 6, 8 }, { 14, 16 } } })), 0, 'maxima')
   tester:eq(m.indices:dim(), 4, 'indices 2 x C x H x W')
   tester:eq(m.indices[1][1][1][1], 2, 'row offset (1-based) inside the window')
   tester:eq(m.indices[2][1][1][1], 2, 'column offset (1-based) inside the window')
   local z = m:forward(torch.rand(2, 3, 5, 7))
   tester:assert(z:size(3) == 2 and z:size(4) == 2, 'output H x W whatever the input')
end

function tests.badInput()
   local ok, err = pcall(function()
      nn.SpatialAdaptiveMaxPooling(2, 2):forward(torch.rand(4, 4))
   end)
   tester:assert(not ok and tostring(err):find('nn.SpatialAdaptiveMaxPooling', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.SpatialAdaptiveMaxPooling(2, 3)
   m:forward(torch.rand(1, 4, 4))
   H.common(tester, m, 'nn.SpatialAdaptiveMaxPooling')
   tester:eq(m.indices:nElement(), 0, 'indices cleared')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(82)
   H.roundTrip(tester, nn.SpatialAdaptiveMaxPooling(3, 2), torch.rand(2, 2, 5, 6))
end

tester:add(tests)
return tester
