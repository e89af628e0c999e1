-- nn.PReLU: learned slopes below zero, per plane or shared.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function randomSlopes(m)
   m.weight:copy(torch.rand(m.weight:size()))
   return m
end

function tests.jacobianPerPlane()
   torch.manualSeed(38)
   H.jacobian(tester, randomSlopes(nn.PReLU(3)), torch.Tensor(2, 3, 2, 2))
   H.jacobian(tester, randomSlopes(nn.PReLU(4)), torch.Tensor(5, 4))
   H.jacobian(tester, randomSlopes(nn.PReLU(4)), torch.Tensor(4))
   H.jacobian(tester, randomSlopes(nn.PReLU(3)), torch.Tensor(4, 3, 2))
end

function tests.jacobianShared()
   torch.manualSeed(39)
   H.jacobian(tester, randomSlopes(nn.PReLU()), torch.Tensor(2, 5))
   H.jacobian(tester, randomSlopes(nn.PReLU()), torch.Tensor(2, 3, 2))
end

function tests.constructor()
   local m = nn.PReLU(3)
   tester:eq(m.nOutputPlane, 3, 'nOutputPlane')
   tester:eq(m.weight, torch.Tensor(3):fill(0.25), 'slopes start at 0.25')
   tester:eq(m.gradWeight:size(1), 3, 'gradWeight size')
   local s = nn.PReLU()
   tester:eq(s.nOutputPlane, 0, 'shared: nOutputPlane 0')
   tester:eq(s.weight:nElement(), 1, 'shared: one slope')
end

function tests.values()
   local m = nn.PReLU(2)
   m.weight:copy(torch.Tensor({ 0.5, 2 }))
   local x = torch.Tensor({ { -1, -1 }, { 3, -2 } })
   tester:eq(m:forward(x), torch.Tensor({ { -0.5, -2 }, { 3, -4 } }), 'per-column slope')
   local go = torch.Tensor({ { 1, 1 }, { 1, 1 } })
   tester:eq(m:backward(x, go), torch.Tensor({ { 0.5, 2 }, { 1, 2 } }), 'gradInput')
   tester:eq(m.gradWeight, torch.Tensor({ -1, -3 }), 'gradWeight sums x over x <= 0')
   m:zeroGradParameters()
   m:backward(x, go, 0.5)
   tester:eq(m.gradWeight, torch.Tensor({ -0.5, -1.5 }), 'scaled gradWeight')
end

function tests.wrongPlanes()
   tester:assertErrorPattern(function() nn.PReLU(3):forward(torch.rand(2, 4)) end,
      'nn.PReLU: wrong number of input planes', 'plane count checked')
   -- As in Torch7, every input with more than one dimension has its planes in dimension 2.
   tester:assertError(function() nn.PReLU(3):forward(torch.rand(3, 2, 2)) end, '3-D: dim 2')
end

function tests.clearStateAndToString()
   local m = nn.PReLU(2)
   m:forward(torch.rand(3, 2))
   m:backward(torch.rand(3, 2), torch.rand(3, 2))
   H.common(tester, m, 'nn.PReLU')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, randomSlopes(nn.PReLU(3)), torch.randn(2, 3, 2))
   H.roundTrip(tester, nn.PReLU(), torch.randn(4))
end

tester:add(tests)
return tester
