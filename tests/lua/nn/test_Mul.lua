-- nn.Mul: one learnt scalar factor.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.jacobian(tester, nn.Mul(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Mul(), torch.Tensor(5))
end

function tests.forwardScalesTheInput()
   local m = nn.Mul()
   m.weight[1] = 3
   tester:eq(H.maxDiff(m:forward(torch.Tensor({ 1, -2 })), torch.Tensor({ 3, -6 })), 0, 'scaled')
end

function tests.badInputNamesTheModule()
   local m = nn.Mul()
   m:forward(torch.rand(3))
   local ok, err = pcall(function() m:backward(torch.rand(3), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Mul', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Mul(), 'nn.Mul')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(3)
   H.roundTrip(tester, nn.Mul(), torch.rand(2, 3))
end

tester:add(tests)
return tester
