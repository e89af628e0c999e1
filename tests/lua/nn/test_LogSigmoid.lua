-- nn.LogSigmoid: log(sigmoid(x)), stable for large |x|.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(37)
   H.jacobian(tester, nn.LogSigmoid(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.LogSigmoid(), torch.Tensor(6))
end

function tests.values()
   local m = nn.LogSigmoid()
   local x = torch.Tensor({ -50, -1, 0, 2, 800 })
   local y = m:forward(x)
   tester:assertalmosteq(y[1], -50, 1e-12, 'large negative input')
   tester:assertalmosteq(y[2], -math.log(1 + math.exp(1)), 1e-15, 'log sigmoid(-1)')
   tester:assertalmosteq(y[3], -math.log(2), 1e-15, 'log sigmoid(0)')
   tester:eq(y[5], 0, 'large positive input')
   local g = m:backward(x, torch.ones(5))
   tester:assertalmosteq(g[2], 1 - 1 / (1 + math.exp(1)), 1e-15, 'gradient 1 - sigmoid(x)')
   tester:eq(m.buffer:nElement(), 5, 'buffer kept')
end

function tests.backwardNeedsForward()
   tester:assertErrorPattern(function()
      nn.LogSigmoid():backward(torch.rand(3), torch.rand(3))
   end, 'nn.LogSigmoid', 'backward before forward')
end

function tests.clearStateAndToString()
   local m = nn.LogSigmoid()
   m:forward(torch.rand(3))
   H.common(tester, m, 'nn.LogSigmoid')
   tester:eq(m.buffer:nElement(), 0, 'buffer cleared')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.LogSigmoid(), torch.randn(2, 3))
end

tester:add(tests)
return tester
