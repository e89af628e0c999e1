-- nn.SoftMax: gradients and printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(11)
   H.jacobian(tester, nn.SoftMax(), torch.Tensor(3, 5))
   H.jacobian(tester, nn.SoftMax(), torch.Tensor(4))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SoftMax(), 'nn.SoftMax')
end

function tests.rowsSumToOneAndSpatialInputs()
   torch.manualSeed(12)
   local y = nn.SoftMax():forward(torch.randn(2, 3, 2, 2))
   local s = y:select(2, 1) + y:select(2, 2) + y:select(2, 3)
   tester:assert(H.maxDiff(s, torch.Tensor(2, 2, 2):fill(1)) < 1e-12, 'sums over dim 2 are 1')
   H.jacobian(tester, nn.SoftMax(), torch.Tensor(3, 2, 2))
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SoftMax(), torch.rand(2, 3))
end

tester:add(tests)
return tester
