-- nn.LeakyReLU: slope below zero.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(25)
   H.jacobian(tester, nn.LeakyReLU(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.LeakyReLU(0.2), torch.Tensor(5))
end

function tests.valuesAndInPlace()
   tester:eq(nn.LeakyReLU().negval, 0.01, 'default slope')
   local x = torch.Tensor({ -2, 3 })
   nn.LeakyReLU(0.1, true):forward(x)
   tester:assert(math.abs(x[1] + 0.2) < 1e-15 and x[2] == 3, 'in place')
end

function tests.clearStateAndToString()
   H.common(tester, nn.LeakyReLU(0.1), 'nn.LeakyReLU(0.1)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.LeakyReLU(0.2), torch.rand(2, 3):add(-0.5))
end

tester:add(tests)
return tester
