-- nn.SpatialBatchNormalization: per-plane statistics of N x C x H x W inputs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianAffineAndNot()
   torch.manualSeed(31)
   H.jacobian(tester, nn.SpatialBatchNormalization(3), torch.Tensor(2, 3, 3, 2))
   H.jacobian(tester, nn.SpatialBatchNormalization(2, 1e-3, 0.3, false), torch.Tensor(3, 2, 2, 2))
   local m = nn.SpatialBatchNormalization(3)
   m.running_var:uniform(0.5, 2)
   m:evaluate()
   H.jacobian(tester, m, torch.Tensor(2, 3, 2, 2))
   H.jacobian(tester, m, torch.Tensor(3, 2, 2))
end

function tests.planeStatisticsMatchFlattenedBatchNorm()
   torch.manualSeed(32)
   local x = torch.rand(2, 3, 4, 5)
   local s = nn.SpatialBatchNormalization(3)
   local b = nn.BatchNormalization(3)
   b.weight:copy(s.weight)
   local y = s:forward(x)
   local flat = x:transpose(2, 4):contiguous():view(-1, 3)
   local yb = b:forward(flat):view(2, 5, 4, 3):transpose(2, 4)
   tester:assert(H.maxDiff(y, yb) < 1e-12, 'same as BatchNormalization over N*H*W')
   tester:assert(H.maxDiff(s.running_var, b.running_var) < 1e-14, 'same running var')
   tester:eq(s.__version, 2, 'class version 2')
end

function tests.versionOneFileUpgradesRunningStd()
   local m = nn.SpatialBatchNormalization(2)
   m.running_std = torch.Tensor({ 1, 0.5 })
   m.running_var = nil
   local mt = getmetatable(m)
   local saved = rawget(mt, '__version')
   rawset(mt, '__version', 1)
   local ok, s = pcall(torch.serialize, m)
   rawset(mt, '__version', saved)
   tester:assert(ok, tostring(s))
   local copy = torch.deserialize(s)
   tester:assert(H.maxDiff(copy.running_var, torch.Tensor({ 1, 4 }):add(-1e-5)) < 1e-15,
      'running_var from running_std')
end

function tests.badInput()
   local ok, err = pcall(function() nn.SpatialBatchNormalization(3):forward(torch.rand(2, 3)) end)
   tester:assert(not ok and tostring(err):find('4D', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialBatchNormalization(8), 'nn.SpatialBatchNormalization (4D) (8)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(33)
   local m = nn.SpatialBatchNormalization(3)
   m:evaluate()
   H.roundTrip(tester, m, torch.rand(2, 3, 2, 2))
end

tester:add(tests)
return tester
