-- nn.CMul: learnt elementwise factors, broadcast over batches and size-1 dimensions.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryBroadcastForm()
   torch.manualSeed(1)
   H.jacobian(tester, nn.CMul(4), torch.Tensor(3, 4))
   H.jacobian(tester, nn.CMul(4), torch.Tensor(4))
   H.jacobian(tester, nn.CMul(1, 4), torch.Tensor(3, 4))
   H.jacobian(tester, nn.CMul(3, 1), torch.Tensor(3, 4))
   H.jacobian(tester, nn.CMul(torch.LongStorage({ 3, 2 })), torch.Tensor(2, 3, 2))
end

function tests.forwardMatchesDefinition()
   local m = nn.CMul(2)
   m.weight:copy(torch.Tensor({ 2, -1 }))
   local y = m:forward(torch.Tensor({ { 1, 2 }, { 3, 4 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 2, -2 }, { 6, -4 } })), 0, 'batch product')
end

function tests.badInputIsAnError()
   local ok = pcall(function() nn.CMul(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok, 'size mismatch raises')
end

function tests.clearStateAndToString()
   H.common(tester, nn.CMul(2, 3), 'nn.CMul')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(4)
   H.roundTrip(tester, nn.CMul(3), torch.rand(2, 3))
end

tester:add(tests)
return tester
