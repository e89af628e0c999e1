-- nn.LogSoftMax: gradients and printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(11)
   H.jacobian(tester, nn.LogSoftMax(), torch.Tensor(3, 5))
   H.jacobian(tester, nn.LogSoftMax(), torch.Tensor(4))
end

function tests.clearStateAndToString()
   H.common(tester, nn.LogSoftMax(), 'nn.LogSoftMax')
end

function tests.largeInputsStayFinite()
   local y = nn.LogSoftMax():forward(torch.Tensor({ 1000, 0 }))
   tester:assert(math.abs(y[1]) < 1e-12 and math.abs(y[2] + 1000) < 1e-9, 'stable log-sum-exp')
   H.jacobian(tester, nn.LogSoftMax(), torch.Tensor(2, 3, 2, 2))
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.LogSoftMax(), torch.rand(2, 3))
end

tester:add(tests)
return tester
