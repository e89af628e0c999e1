-- nn.CDivTable: quotient of two tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianAwayFromZero()
   torch.manualSeed(1)
   local m = nn.CDivTable()
   local a, b = torch.rand(2, 3), torch.rand(2, 3):add(1)
   local go = torch.rand(2, 3)
   m:forward({ a, b })
   local gi = m:backward({ a, b }, go)
   tester:assert(H.maxDiff(gi[1], torch.cdiv(go, b)) < 1e-12, 'gradient of a')
   local expected = torch.cmul(go, a):cdiv(b):cdiv(b):mul(-1)
   tester:assert(H.maxDiff(gi[2], expected) < 1e-12, 'gradient of b')
end

function tests.forwardMatchesDefinition()
   local a, b = torch.rand(2, 3), torch.rand(2, 3):add(1)
   tester:eq(H.maxDiff(nn.CDivTable():forward({ a, b }), torch.cdiv(a, b)), 0, 'a / b')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CDivTable():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CDivTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CDivTable(), 'nn.CDivTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CDivTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
