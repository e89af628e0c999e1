-- nn.SoftSign: x / (1 + |x|).
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(36)
   H.jacobian(tester, nn.SoftSign(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.SoftSign(), torch.Tensor(5))
end

function tests.values()
   local m = nn.SoftSign()
   local x = torch.Tensor({ -3, 0, 1 })
   tester:eq(m:forward(x), torch.Tensor({ -0.75, 0, 0.5 }), 1e-15, 'x / (1 + |x|)')
   tester:eq(m:backward(x, torch.Tensor({ 1, 1, 2 })), torch.Tensor({ 1 / 16, 1, 0.5 }), 1e-15,
      'gradOutput / (1 + |x|)^2')
end

function tests.clearStateAndToString()
   local m = nn.SoftSign()
   m:forward(torch.rand(3))
   m:backward(torch.rand(3), torch.rand(3))
   H.common(tester, m, 'nn.SoftSign')
   tester:eq(m.temp:nElement() + m.tempgrad:nElement(), 0, 'buffers cleared')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SoftSign(), torch.randn(2, 4))
end

tester:add(tests)
return tester
