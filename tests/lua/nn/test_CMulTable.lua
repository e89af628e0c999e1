-- nn.CMulTable: elementwise product of a table of tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.CMulTable(), { torch.Tensor(2, 3), torch.Tensor(2, 3),
      torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.CMulTable(), { torch.Tensor(4), torch.Tensor(4) })
end

function tests.forwardMatchesDefinition()
   local a, b = torch.rand(2, 3), torch.rand(2, 3)
   tester:eq(H.maxDiff(nn.CMulTable():forward({ a, b }), torch.cmul(a, b)), 0, 'a .* b')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CMulTable():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CMulTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CMulTable(), 'nn.CMulTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CMulTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
