-- nn.SelectTable: one element of a table.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(33)
   H.tableJacobian(tester, nn.SelectTable(2), { torch.Tensor(2), torch.Tensor(3) })
   H.tableJacobian(tester, nn.SelectTable(-1), { torch.Tensor(2), torch.Tensor(3) })
end

function tests.gradientIsZeroElsewhere()
   local a, b = torch.Tensor(2):fill(1), torch.Tensor(3):fill(2)
   local m = nn.SelectTable(1)
   tester:assert(m:forward({ a, b }) == a, 'selects the first')
   local gi = m:backward({ a, b }, torch.Tensor(2):fill(5))
   tester:eq(H.maxDiff(gi[2], torch.Tensor(3):zero()), 0, 'others get zeros')
   tester:eq(H.maxDiff(gi[1], torch.Tensor(2):fill(5)), 0, 'selected gets gradOutput')
   tester:assert(not pcall(function() nn.SelectTable(4):forward({ a, b }) end), 'bad index')
end

function tests.clearStateAndToString()
   H.common(tester, nn.SelectTable(2), 'nn.SelectTable(2)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SelectTable(1), { torch.rand(2, 3), torch.rand(2, 1) })
end

tester:add(tests)
return tester
