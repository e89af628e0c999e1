-- nn.SpatialAveragePooling: divisors with and without padding, ceil mode, old files.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianAllModes()
   torch.manualSeed(12)
   H.jacobian(tester, nn.SpatialAveragePooling(2, 2, 2, 2), torch.Tensor(2, 3, 6, 6))
   H.jacobian(tester, nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1):ceil(), torch.Tensor(2, 7, 8))
   H.jacobian(tester, nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1):ceil():setCountExcludePad(),
      torch.Tensor(2, 2, 7, 8))
end

function tests.countIncludeAndExcludePad()
   local x = torch.Tensor(1, 2, 2):fill(1)
   local inc = nn.SpatialAveragePooling(2, 2, 1, 1, 1, 1)
   local y = inc:forward(x)
   tester:eq(y:size(2), 3, 'padded output size')
   tester:eq(y[1][1][1], 0.25, 'corner divided by the whole window')
   local exc = nn.SpatialAveragePooling(2, 2, 1, 1, 1, 1):setCountExcludePad()
   tester:eq(exc:forward(x)[1][1][1], 1, 'corner divided by its valid part')
   tester:assert(exc:setCountIncludePad() == exc and exc.count_include_pad, 'include again')
end

function tests.defaultsAndCeil()
   local m = nn.SpatialAveragePooling(2, 2)
   tester:eq(m.dW, 1, 'default step 1')
   tester:eq(m:forward(torch.rand(1, 4, 4)):size(2), 3, 'step 1 output')
   local c = nn.SpatialAveragePooling(2, 2, 2, 2):ceil()
   tester:eq(c:forward(torch.rand(1, 5, 5)):size(2), 3, 'ceil output')
   tester:eq(c:floor():forward(torch.rand(1, 5, 5)):size(2), 2, 'floor output')
end

function tests.oldFilesWithoutDivideOrPadding()
   local m = nn.SpatialAveragePooling(2, 2, 2, 2)
   m.ceil_mode, m.count_include_pad, m.padW, m.padH, m.divide = nil, nil, nil, nil, nil
   local y = m:forward(torch.Tensor(1, 2, 2):fill(1))
   tester:eq(y[1][1][1], 4, 'no divide field: window sums')
   tester:eq(m:backward(torch.Tensor(1, 2, 2), y:clone():fill(1))[1][1][1], 1, 'and gradient')
end

function tests.badInput()
   local ok, err = pcall(function() nn.SpatialAveragePooling(2, 2):forward(torch.rand(5)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialAveragePooling', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1),
      'nn.SpatialAveragePooling(3x3, 2,2, 1,1)')
   H.common(tester, nn.SpatialAveragePooling(2, 2), 'nn.SpatialAveragePooling(2x2, 1,1)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(6)
   H.roundTrip(tester, nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1):ceil():setCountExcludePad(),
      torch.rand(2, 2, 7, 7))
   H.roundTrip(tester, nn.SpatialAveragePooling(2, 2, 2, 2), torch.rand(3, 4, 4))
end

tester:add(tests)
return tester
