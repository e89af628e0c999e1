-- nn.MM: matrix products of input pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.MM(), { torch.Tensor(2, 3), torch.Tensor(3, 4) })
   H.tableJacobian(tester, nn.MM(true, false), { torch.Tensor(3, 2), torch.Tensor(3, 4) })
   H.tableJacobian(tester, nn.MM(false, true), { torch.Tensor(2, 3), torch.Tensor(4, 3) })
   H.tableJacobian(tester, nn.MM(true, true), { torch.Tensor(2, 3, 2), torch.Tensor(2, 4, 3) })
end

function tests.forwardMatchesMm()
   local a, b = torch.rand(2, 3), torch.rand(3, 4)
   tester:assert(H.maxDiff(nn.MM():forward({ a, b }), torch.mm(a, b)) < 1e-12, 'mm')
   local ba, bb = torch.rand(2, 3, 2), torch.rand(2, 3, 4)
   tester:assert(H.maxDiff(nn.MM(true):forward({ ba, bb })[2], torch.mm(ba[2]:t(), bb[2]))
      < 1e-12, 'batched, transposed')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.MM():forward({ torch.rand(2, 3), torch.rand(2, 3) }) end)
   tester:assert(not ok and tostring(err):find('nn.MM', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.MM(), 'nn.MM')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.MM(false, true), { torch.rand(2, 3), torch.rand(4, 3) })
end

tester:add(tests)
return tester
