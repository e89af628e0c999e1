-- nn.MV: matrix-vector products of input pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.MV(), { torch.Tensor(2, 3), torch.Tensor(3) })
   H.tableJacobian(tester, nn.MV(true), { torch.Tensor(3, 2), torch.Tensor(3) })
   H.tableJacobian(tester, nn.MV(), { torch.Tensor(2, 4, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.MV(true), { torch.Tensor(2, 3, 4), torch.Tensor(2, 3) })
end

function tests.forwardMatchesMv()
   local m, v = torch.rand(2, 3), torch.rand(3)
   tester:assert(H.maxDiff(nn.MV():forward({ m, v }), torch.mv(m, v)) < 1e-12, 'mv')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.MV():forward({ torch.rand(2, 3), torch.rand(2) }) end)
   tester:assert(not ok and tostring(err):find('nn.MV', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.MV(), 'nn.MV')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.MV(), { torch.rand(2, 3), torch.rand(3) })
end

tester:add(tests)
return tester
