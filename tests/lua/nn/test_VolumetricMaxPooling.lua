-- nn.VolumetricMaxPooling: 3-D windows, packed byte offsets as indices, ceil mode, old files.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVolume()
   torch.manualSeed(131)
   H.jacobian(tester, nn.VolumetricMaxPooling(2, 2, 2), torch.Tensor(2, 2, 4, 4, 4))
   H.jacobian(tester, nn.VolumetricMaxPooling(3, 3, 2, 2, 2, 1, 1, 1, 0):ceil(),
      torch.Tensor(2, 5, 4, 3))
end

function tests.sizesAndPackedIndices()
   local x = torch.zeros(1, 2, 2, 2)
   x[1][2][1][2] = 5          -- t = 1, h = 0, w = 1 (0-based) inside the window
   local m = nn.VolumetricMaxPooling(2, 2, 2)
   local y = m:forward(x)
   tester:eq(y:view(1)[1], 5, 'maximum')
   tester:eq(m.indices:view(1)[1], 1 + 0 * 256 + 1 * 65536, 'bytes t, h, w')
   tester:eq(m.itime, 2, 'input time recorded')
   tester:eq(nn.VolumetricMaxPooling(2, 2, 2):ceil():forward(torch.rand(1, 3, 3, 3)):size(2), 2,
      'ceil mode')
end

function tests.oldFileGetsFloorMode()
   local m = nn.VolumetricMaxPooling(2, 2, 2)
   m.ceil_mode = true
   local mt = getmetatable(m)
   rawset(mt, '__version', 1)
   local ok, s = pcall(torch.serialize, m)
   rawset(mt, '__version', 2)
   tester:assert(ok, tostring(s))
   tester:eq(torch.deserialize(s).ceil_mode, false, 'version 1: floor mode')
end

function tests.badInput()
   local ok, err = pcall(function()
      nn.VolumetricMaxPooling(2, 2, 2):forward(torch.rand(2, 2, 2))
   end)
   tester:assert(not ok and tostring(err):find('nn.VolumetricMaxPooling', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricMaxPooling(2, 3, 4, 1, 2, 2, 1, 1, 1),
      'nn.VolumetricMaxPooling(2x3x4, 1,2,2, 1,1,1)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(132)
   H.roundTrip(tester, nn.VolumetricMaxPooling(2, 2, 2), torch.rand(2, 2, 4, 4, 4))
end

tester:add(tests)
return tester
