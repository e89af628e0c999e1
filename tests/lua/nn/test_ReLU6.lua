-- nn.ReLU6: clipping to [0, 6], in place or not.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(31)
   H.jacobian(tester, nn.ReLU6(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.ReLU6(), torch.Tensor(5))
   local m = nn.ReLU6()
   local err = nn.Jacobian.testJacobian(m, torch.Tensor(2, 3, 2), 4, 8)
   tester:assert(err < H.PRECISION, 'Jacobian around 6: ' .. err)
end

function tests.values()
   local m = nn.ReLU6()
   local x = torch.Tensor({ -1, 3, 7 })
   tester:eq(m:forward(x), torch.Tensor({ 0, 3, 6 }), 'clipped to [0, 6]')
   tester:eq(m:backward(x, torch.Tensor({ 1, 1, 1 })), torch.Tensor({ 0, 1, 0 }), 'gradient')
   tester:eq(m.inplace, false, 'not in place by default')
end

function tests.inPlace()
   local m = nn.ReLU6(true)
   local x = torch.Tensor({ { -1, 8 } })
   local y = m:forward(x)
   tester:eq(x, torch.Tensor({ { 0, 6 } }), 'input overwritten')
   tester:assert(y:isSetTo(x), 'output is the input')
   local go = torch.Tensor({ { 2, 2 } })
   local gi = m:backward(x, go)
   tester:assert(gi:isSetTo(go), 'gradInput is gradOutput')
end

function tests.badFlag()
   tester:assertErrorPattern(function() nn.ReLU6(1) end, 'nn.ReLU6', 'in-place flag checked')
end

function tests.clearStateAndToString()
   H.common(tester, nn.ReLU6(), 'nn.ReLU6')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ReLU6(), torch.rand(2, 3):mul(10):add(-2))
end

tester:add(tests)
return tester
