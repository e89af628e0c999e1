-- nn.SoftShrink: shrinkage around zero by lambda.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(32)
   H.jacobian(tester, nn.SoftShrink(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.SoftShrink(0.3), torch.Tensor(7))
   H.jacobian(tester, nn.SoftShrink(1.2), torch.Tensor(2, 2, 3))
end

function tests.values()
   local m = nn.SoftShrink()
   tester:eq(m.lambda, 0.5, 'default lambda')
   local x = torch.Tensor({ -1, -0.3, 0.2, 0.8 })
   tester:eq(m:forward(x), torch.Tensor({ -0.5, 0, 0, 0.3 }), 1e-15, 'forward')
   tester:eq(m:backward(x, torch.Tensor({ 2, 2, 2, 2 })), torch.Tensor({ 2, 0, 0, 2 }),
      'gradient only outside [-lambda, lambda]')
   m = nn.SoftShrink(0.8)
   tester:eq(m:forward(x), torch.Tensor({ -0.2, 0, 0, 0 }), 1e-15,
      'lambda 0.8: the boundary shrinks to 0')
end

function tests.floatInput()
   local m = nn.SoftShrink():float()
   local y = m:forward(torch.FloatTensor({ -1, 0.1 }))
   tester:eq(torch.type(y), 'torch.FloatTensor', 'float output')
end

function tests.clearStateAndToString()
   H.common(tester, nn.SoftShrink(), 'nn.SoftShrink')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SoftShrink(0.4), torch.rand(2, 3):add(-0.5):mul(3))
end

tester:add(tests)
return tester
