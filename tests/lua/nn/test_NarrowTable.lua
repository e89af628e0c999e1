-- nn.NarrowTable: a sub-table of the input table.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.NarrowTable(2, 2), { torch.Tensor(2), torch.Tensor(3),
      torch.Tensor(4), torch.Tensor(1) })
end

function tests.selectsAndZeroesTheRest()
   local x = { torch.rand(2), torch.rand(3), torch.rand(4) }
   local m = nn.NarrowTable(2)
   local y = m:forward(x)
   tester:assert(#y == 1 and y[1] == x[2], 'default length 1')
   local gi = m:backward(x, { torch.ones(3) })
   tester:assert(#gi == 3 and gi[1]:sum() == 0 and gi[2]:sum() == 3, 'others get zeros')
   tester:assert(not pcall(function() nn.NarrowTable() end), 'offset required')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.NarrowTable(1):forward(torch.rand(2)) end)
   tester:assert(not ok and tostring(err):find('nn.NarrowTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.NarrowTable(1, 2), 'nn.NarrowTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.NarrowTable(2, 2), { torch.rand(2), torch.rand(3), torch.rand(1) })
end

tester:add(tests)
return tester
