-- nn.SpatialLogSoftMax: over the feature maps at every location.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(42)
   H.jacobian(tester, nn.SpatialLogSoftMax(), torch.Tensor(3, 2, 2))
   H.jacobian(tester, nn.SpatialLogSoftMax(), torch.Tensor(2, 3, 2, 3))
end

function tests.valuesPerLocation()
   torch.manualSeed(43)
   local x = torch.randn(2, 3, 2, 2)
   local y = nn.SpatialLogSoftMax():forward(x)
   local p = y:clone():exp()
   tester:eq(p:sum(2), torch.ones(2, 1, 2, 2), 1e-12,
      'probabilities sum to 1 over the maps')
   local ref = nn.SoftMax():forward(x[{ 2, {}, 1, 2 }]:clone())
   tester:eq(p[{ 2, {}, 1, 2 }], ref, 1e-12, 'one location is a soft-max over the maps')
   local single = nn.SpatialLogSoftMax():forward(x[1]:clone())
   tester:eq(single, y[1], 1e-14, '3-D input: the maps are the first dimension')
end

function tests.badInput()
   tester:assertErrorPattern(function()
      nn.SpatialLogSoftMax():forward(torch.rand(1, 1, 1, 1, 2))
   end, 'nn.SpatialLogSoftMax', '5-D input refused')
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialLogSoftMax(), 'nn.SpatialLogSoftMax')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SpatialLogSoftMax(), torch.randn(2, 3, 2, 2))
end

tester:add(tests)
return tester
