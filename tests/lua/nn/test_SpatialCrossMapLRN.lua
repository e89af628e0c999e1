-- nn.SpatialCrossMapLRN: normalization over neighbouring channels.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(161)
   H.jacobian(tester, nn.SpatialCrossMapLRN(3, 0.5, 0.75, 2), torch.Tensor(2, 4, 2, 3))
   H.jacobian(tester, nn.SpatialCrossMapLRN(5, 1, 0.5, 1), torch.Tensor(3, 2, 2))
end

function tests.matchesDefinition()
   torch.manualSeed(162)
   local x = torch.rand(1, 4, 2, 2)
   local m = nn.SpatialCrossMapLRN(3, 0.3, 0.6, 1.5)
   local y = m:forward(x)
   local worst = 0
   for c = 1, 4 do
      local s = torch.zeros(2, 2)
      for j = math.max(1, c - 1), math.min(4, c + 1) do s:add(torch.cmul(x[1][j], x[1][j])) end
      s:mul(0.3 / 3):add(1.5)
      worst = math.max(worst, H.maxDiff(y[1][c], torch.cmul(x[1][c], torch.pow(s, -0.6))))
   end
   tester:assert(worst < 1e-14, 'output = x * (k + alpha/size * window sum)^-beta')
   tester:assert(m.scale:isSameSizeAs(x), 'scale kept')
   tester:eq(nn.SpatialCrossMapLRN(5).alpha, 0.0001, 'default alpha')
end

function tests.badInput()
   local ok, err = pcall(function() nn.SpatialCrossMapLRN(3):forward(torch.rand(4, 4)) end)
   tester:assert(not ok and tostring(err):find('3D or 4D', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.SpatialCrossMapLRN(3)
   m:forward(torch.rand(1, 3, 2, 2))
   H.common(tester, m, 'nn.SpatialCrossMapLRN')
   tester:eq(m.scale:nElement(), 0, 'scale cleared')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(163)
   H.roundTrip(tester, nn.SpatialCrossMapLRN(3, 0.1, 0.75, 1), torch.rand(2, 5, 3, 3))
end

tester:add(tests)
return tester
