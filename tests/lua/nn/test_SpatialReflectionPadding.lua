-- nn.SpatialReflectionPadding: mirror image at the borders; gradients, sizes, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(51)
   H.jacobian(tester, nn.SpatialReflectionPadding(1, 2, 0, 1), torch.Tensor(2, 2, 4, 5))
   H.jacobian(tester, nn.SpatialReflectionPadding(2), torch.Tensor(2, 3, 4))
end

function tests.knownValues()
   local x = torch.range(1, 6):view(1, 2, 3)
   local y = nn.SpatialReflectionPadding(1, 1, 1, 0):forward(x)
   tester:eq(y:size(2), 3, 'height')
   tester:eq(y:size(3), 5, 'width')
   local want = ({
      [0] = { { 0, 0, 0, 0, 0 }, { 0, 1, 2, 3, 0 }, { 0, 4, 5, 6, 0 } },
      [1] = { { 5, 4, 5, 6, 5 }, { 2, 1, 2, 3, 2 }, { 5, 4, 5, 6, 5 } },
      [2] = { { 1, 1, 2, 3, 3 }, { 1, 1, 2, 3, 3 }, { 4, 4, 5, 6, 6 } },
   })[1]
   tester:eq(H.maxDiff(y, torch.Tensor({ want })), 0, 'padded values')
end

function tests.defaultsAndBadInput()
   local m = nn.SpatialReflectionPadding(2)
   tester:assert(m.pad_r == 2 and m.pad_t == 2 and m.pad_b == 2, 'pads default to pad_l')
   local ok, err = pcall(function() m:forward(torch.rand(3, 3)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialReflectionPadding', 1, true),
      tostring(err))
   m:forward(torch.rand(1, 3, 3))
   ok, err = pcall(function()
      m:backward(torch.rand(1, 3, 3), torch.rand(1, 6, 6))
   end)
   tester:assert(not ok and tostring(err):find('compatible', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialReflectionPadding(1, 2, 3, 4),
      'nn.SpatialReflectionPadding(l=1, r=2, t=3, b=4)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(61)
   H.roundTrip(tester, nn.SpatialReflectionPadding(1, 2, 2, 1), torch.rand(2, 2, 3, 4))
end

tester:add(tests)
return tester
