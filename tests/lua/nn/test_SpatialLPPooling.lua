-- nn.SpatialLPPooling: p-norm of each pooling window.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesByDefinition()
   local x = torch.Tensor({ { { 3, 4, 0, 2 }, { 0, 0, 6, 8 } } })
   local y = nn.SpatialLPPooling(1, 2, 2, 1):forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 5, 2 }, { 0, 10 } } })), 0, 'L2 of 2x1 windows')
   x = torch.Tensor({ { { 1, 2 }, { 3, 4 } } })
   y = nn.SpatialLPPooling(1, 3, 2, 2):forward(x)
   tester:assert(math.abs(y[1][1][1] - (1 + 8 + 27 + 64) ^ (1 / 3)) < 1e-12, 'L3 of 2x2 window')
   tester:eq(y:dim(), 3, 'single image stays 3-D')
end

function tests.strideDefaultsAndFields()
   local m = nn.SpatialLPPooling(2, 2, 3, 2)
   tester:eq(m.dW, 3, 'dW defaults to kW')
   tester:eq(m.dH, 2, 'dH defaults to kH')
   tester:eq(#m.modules, 4, 'four stages')
   tester:eq(torch.type(m.modules[1]), 'nn.Square', 'p = 2 squares')
   tester:eq(torch.type(nn.SpatialLPPooling(1, 3, 2, 2).modules[4]), 'nn.Power', 'other p')
end

function tests.jacobian()
   torch.manualSeed(811)
   -- positive inputs keep every window's norm away from 0 and real for odd p
   local cases = {
      { nn.SpatialLPPooling(2, 2, 2, 3, 2, 1), torch.Tensor(2, 6, 4) },
      { nn.SpatialLPPooling(1, 3, 2, 2), torch.Tensor(2, 1, 4, 4) },
   }
   for i, c in ipairs(cases) do
      local err = nn.Jacobian.testJacobian(c[1], c[2], 0.5, 2)
      tester:assert(err < H.PRECISION, 'case ' .. i .. ': Jacobian error ' .. err)
   end
end

function tests.batchMatchesSingle()
   torch.manualSeed(812)
   local m = nn.SpatialLPPooling(3, 2, 2, 2)
   local x = torch.rand(2, 3, 4, 6)
   local yb = m:forward(x):clone()
   local gb = m:backward(x, torch.ones(yb:size())):clone()
   for i = 1, 2 do
      tester:assert(H.maxDiff(m:forward(x[i]), yb[i]) < 1e-12, 'forward sample ' .. i)
      tester:assert(H.maxDiff(m:backward(x[i], torch.ones(yb[i]:size())), gb[i]) < 1e-12,
         'backward sample ' .. i)
   end
end

function tests.noParametersToTrain()
   local m = nn.SpatialLPPooling(1, 2, 2, 2)
   local x = torch.rand(1, 4, 4)
   m:forward(x)
   m:backward(x, torch.ones(1, 2, 2))
   m:zeroGradParameters()
   m:updateParameters(1)
   tester:eq(m:forward(x):dim(), 3, 'still works')
end

function tests.errors()
   local m = nn.SpatialLPPooling(1, 2, 2, 2)
   local ok, err = pcall(function() m:forward(torch.rand(4, 4)) end)
   tester:assert(not ok and err:find('nn.SpatialLPPooling', 1, true) ~= nil, 'names the module')
   tester:assert(not pcall(function() nn.SpatialLPPooling(1, 2) end), 'kernel size needed')
end

function tests.clearStateAndToString()
   local m = nn.SpatialLPPooling(1, 2, 2, 2)
   m:forward(torch.rand(1, 4, 4))
   tester:assert(m:clearState() == m, 'clearState returns self')
   tester:assert(tostring(m):find('^nn%.SpatialLPPooling {') ~= nil, 'tostring names the class')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(813)
   H.roundTrip(tester, nn.SpatialLPPooling(2, 2, 2, 2), torch.rand(2, 2, 4, 4))
end

tester:add(tests)
return tester
