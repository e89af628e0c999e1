-- nn.CAddTable: sum of a table of tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(31)
   H.tableJacobian(tester, nn.CAddTable(), { torch.Tensor(2, 3), torch.Tensor(2, 3),
      torch.Tensor(2, 3) })
end

function tests.sumAndInPlace()
   local a, b = torch.Tensor({ 1, 2 }), torch.Tensor({ 10, 20 })
   tester:eq(H.maxDiff(nn.CAddTable():forward({ a, b }), torch.Tensor({ 11, 22 })), 0, 'sum')
   local m = nn.CAddTable(true)
   local y = m:forward({ a, b })
   tester:assert(y:isSetTo(a), 'in place writes into the first input')
   local gi = m:backward({ a, b }, torch.Tensor({ 1, 1 }))
   tester:eq(#gi, 2, 'one gradient per input')
end

function tests.clearStateAndToString()
   H.common(tester, nn.CAddTable(), 'nn.CAddTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CAddTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
