-- nn.CSubTable: difference of two tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.CSubTable(), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.CSubTable(), { torch.Tensor(4), torch.Tensor(4) })
end

function tests.forwardMatchesDefinition()
   local a, b = torch.rand(2, 3), torch.rand(2, 3)
   tester:eq(H.maxDiff(nn.CSubTable():forward({ a, b }), a - b), 0, 'a - b')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CSubTable():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CSubTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CSubTable(), 'nn.CSubTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CSubTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
