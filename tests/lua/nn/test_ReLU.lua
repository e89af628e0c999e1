-- nn.ReLU: a Threshold at 0, optionally in place.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(22)
   H.jacobian(tester, nn.ReLU(), torch.Tensor(3, 4))
end

function tests.isAThresholdWithZeroes()
   local m = nn.ReLU()
   tester:assert(torch.isTypeOf(m, 'nn.Threshold'), 'subclass of Threshold')
   tester:eq(m.threshold, 0, 'threshold 0')
   tester:eq(m.val, 0, 'value 0')
   tester:eq(m.inplace, false, 'not in place by default')
   local x = torch.Tensor({ -1, 0, 3 })
   nn.ReLU(true):forward(x)
   tester:eq(H.maxDiff(x, torch.Tensor({ 0, 0, 3 })), 0, 'in place')
end

function tests.clearStateAndToString()
   H.common(tester, nn.ReLU(), 'nn.ReLU')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ReLU(), torch.rand(2, 3):add(-0.5))
end

tester:add(tests)
return tester
