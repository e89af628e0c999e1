-- nn.CAdd: learnt elementwise bias, broadcast over batches and size-1 dimensions.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryBroadcastForm()
   torch.manualSeed(1)
   H.jacobian(tester, nn.CAdd(4), torch.Tensor(3, 4), { bias = 'gradBias' })
   H.jacobian(tester, nn.CAdd(4), torch.Tensor(4), { bias = 'gradBias' })
   H.jacobian(tester, nn.CAdd(1, 4), torch.Tensor(3, 4), { bias = 'gradBias' })
   H.jacobian(tester, nn.CAdd(3, 1), torch.Tensor(3, 4), { bias = 'gradBias' })
end

function tests.forwardMatchesDefinition()
   local m = nn.CAdd(2, 1)
   m.bias:copy(torch.Tensor({ { 1 }, { -1 } }))
   local y = m:forward(torch.Tensor({ { 1, 2 }, { 3, 4 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 2, 3 }, { 2, 3 } })), 0, 'broadcast along columns')
end

function tests.badInputIsAnError()
   local ok = pcall(function() nn.CAdd(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok, 'size mismatch raises')
end

function tests.clearStateAndToString()
   H.common(tester, nn.CAdd(3), 'nn.CAdd')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.roundTrip(tester, nn.CAdd(3), torch.rand(2, 3))
end

tester:add(tests)
return tester
