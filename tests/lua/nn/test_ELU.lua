-- nn.ELU: exponential linear unit.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(24)
   H.jacobian(tester, nn.ELU(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.ELU(0.5), torch.Tensor(5))
end

function tests.values()
   local y = nn.ELU(0.5):forward(torch.Tensor({ -1, 2 }))
   tester:assert(math.abs(y[1] - 0.5 * (math.exp(-1) - 1)) < 1e-15, 'negative side')
   tester:eq(y[2], 2, 'positive side')
end

function tests.clearStateAndToString()
   H.common(tester, nn.ELU(0.5), 'nn.ELU (alpha:0.500000)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ELU(0.3), torch.rand(2, 3):add(-0.5))
end

tester:add(tests)
return tester
