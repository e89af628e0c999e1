-- nn.SoftPlus: log(1 + exp(beta x)) / beta, linear past the threshold.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(35)
   H.jacobian(tester, nn.SoftPlus(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.SoftPlus(2), torch.Tensor(6))
   H.jacobian(tester, nn.SoftPlus(0.5), torch.Tensor(2, 3, 2))
end

function tests.values()
   local m = nn.SoftPlus()
   tester:eq(m.beta, 1, 'default beta')
   tester:eq(m.threshold, 20, 'default threshold')
   local x = torch.Tensor({ -1, 0, 2, 30 })
   local y = m:forward(x)
   tester:assertalmosteq(y[1], math.log(1 + math.exp(-1)), 1e-15, 'softplus(-1)')
   tester:assertalmosteq(y[2], math.log(2), 1e-15, 'softplus(0)')
   tester:eq(y[4], 30, 'linear past the threshold')
   local g = m:backward(x, torch.ones(4))
   tester:assertalmosteq(g[1], 1 / (1 + math.exp(1)), 1e-12, 'gradient is the sigmoid')
   tester:eq(g[4], 1, 'gradient 1 past the threshold')
   local b = nn.SoftPlus(2)
   tester:assertalmosteq(b:forward(torch.Tensor({ 1 }))[1], math.log(1 + math.exp(2)) / 2, 1e-15,
      'beta 2')
end

function tests.clearStateAndToString()
   H.common(tester, nn.SoftPlus(), 'nn.SoftPlus')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SoftPlus(1.5), torch.randn(3, 2))
end

tester:add(tests)
return tester
