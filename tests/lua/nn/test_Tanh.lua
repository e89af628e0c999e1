-- nn.Tanh: gradients and printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(11)
   H.jacobian(tester, nn.Tanh(), torch.Tensor(3, 5))
   H.jacobian(tester, nn.Tanh(), torch.Tensor(4))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Tanh(), 'nn.Tanh')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Tanh(), torch.rand(2, 3))
end

tester:add(tests)
return tester
