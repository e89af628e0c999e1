-- nn.HardTanh: clipping and its gradient.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(23)
   H.jacobian(tester, nn.HardTanh(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.HardTanh(-0.5, 0.5), torch.Tensor(6))
end

function tests.clipsAndBlocksGradientOutside()
   local m = nn.HardTanh(-0.5, 0.5)
   local x = torch.Tensor({ -1, 0.2, 0.5, 2 })
   tester:eq(H.maxDiff(m:forward(x), torch.Tensor({ -0.5, 0.2, 0.5, 0.5 })), 0, 'clipped')
   local gi = m:backward(x, torch.Tensor(4):fill(1))
   tester:eq(H.maxDiff(gi, torch.Tensor({ 0, 1, 0, 0 })), 0, 'zero at and beyond the ends')
   tester:assert(not pcall(function() nn.HardTanh(1, -1) end), 'max must exceed min')
end

function tests.clearStateAndToString()
   H.common(tester, nn.HardTanh(), 'nn.HardTanh')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.HardTanh(-0.2, 0.2), torch.rand(2, 3):add(-0.5))
end

tester:add(tests)
return tester
