-- nn.VolumetricAveragePooling: means over 3-D windows.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVolume()
   torch.manualSeed(141)
   H.jacobian(tester, nn.VolumetricAveragePooling(2, 2, 2), torch.Tensor(2, 2, 4, 4, 4))
   H.jacobian(tester, nn.VolumetricAveragePooling(2, 3, 2, 1, 1, 2), torch.Tensor(2, 3, 4, 5))
end

function tests.means()
   local x = torch.range(1, 8):view(1, 2, 2, 2)
   tester:eq(nn.VolumetricAveragePooling(2, 2, 2):forward(x):view(1)[1], 4.5, 'mean of 1..8')
end

function tests.badInput()
   local ok, err = pcall(function()
      nn.VolumetricAveragePooling(2, 2, 2):forward(torch.rand(2, 2, 2))
   end)
   tester:assert(not ok and tostring(err):find('nn.VolumetricAveragePooling', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricAveragePooling(2, 3, 4),
      'nn.VolumetricAveragePooling(2x3x4, 2,3,4)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(142)
   H.roundTrip(tester, nn.VolumetricAveragePooling(2, 2, 2), torch.rand(2, 4, 4, 4))
end

tester:add(tests)
return tester
