-- nn.VolumetricBatchNormalization: per-plane statistics of N x C x T x H x W inputs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(41)
   H.jacobian(tester, nn.VolumetricBatchNormalization(2), torch.Tensor(2, 2, 2, 2, 3))
   local m = nn.VolumetricBatchNormalization(2, 1e-3, 0.1, false)
   m:evaluate()
   H.jacobian(tester, m, torch.Tensor(2, 2, 2, 2))
end

function tests.badInput()
   local ok, err = pcall(function()
      nn.VolumetricBatchNormalization(3):forward(torch.rand(2, 3, 4, 4))
   end)
   tester:assert(not ok and tostring(err):find('5D', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricBatchNormalization(4), 'nn.VolumetricBatchNormalization (5D) (4)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(42)
   local m = nn.VolumetricBatchNormalization(2)
   m:evaluate()
   H.roundTrip(tester, m, torch.rand(2, 2, 2, 2, 2))
end

tester:add(tests)
return tester
