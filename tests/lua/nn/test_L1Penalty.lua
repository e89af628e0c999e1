-- nn.L1Penalty: identity forward with an L1 penalty on the input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.lossAndGradient()
   local x, go = torch.Tensor({ 1, -2, 0 }), torch.Tensor({ 1, 1, 1 })
   local m = nn.L1Penalty(0.1)
   tester:assert(m:forward(x) == x, 'output is the input')
   tester:assert(math.abs(m.loss - 0.3) < 1e-12, 'loss')
   tester:eq(H.maxDiff(m:backward(x, go), torch.Tensor({ 1.1, 0.9, 1 })), 0, 'gradient')
   local avg = nn.L1Penalty(0.3, true, false)
   avg:forward(x)
   tester:assert(H.maxDiff(avg:backward(x, go), torch.Tensor({ 0.1, -0.1, 0 })) < 1e-12,
      'size-averaged, gradOutput not passed on')
end

function tests.clearStateAndToString()
   H.common(tester, nn.L1Penalty(1), 'nn.L1Penalty')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.L1Penalty(0.2), torch.rand(3, 4))
end

tester:add(tests)
return tester
