-- nn.Clamp: input clipped to [min, max].
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Clamp(-0.5, 0.5), torch.Tensor(3, 4))
end

function tests.clipsAndIsAHardTanh()
   local y = nn.Clamp(-0.3, 0.3):forward(torch.Tensor({ -1, 0.1, 2 }))
   tester:eq(H.maxDiff(y, torch.Tensor({ -0.3, 0.1, 0.3 })), 0, 'clipped')
   tester:assert(torch.isTypeOf(nn.Clamp(0, 1), 'nn.HardTanh'), 'subclass of HardTanh')
   tester:assert(not pcall(function() nn.Clamp(1, 0) end), 'max must exceed min')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Clamp(0, 1), 'nn.Clamp')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Clamp(0.2, 0.6), torch.rand(3, 4))
end

tester:add(tests)
return tester
