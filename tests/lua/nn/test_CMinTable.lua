-- nn.CMinTable: elementwise minimum of a table of tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.CMinTable(), { torch.Tensor(2, 3), torch.Tensor(2, 3),
      torch.Tensor(2, 3) })
end

function tests.forwardAndGradientRouting()
   local a, b = torch.Tensor({ 1, 5, 2 }), torch.Tensor({ 3, 4, 2 })
   local m = nn.CMinTable()
   local y = m:forward({ a, b })
   tester:eq(H.maxDiff(y, torch.cmin(a, b)), 0, 'elementwise min')
   local gi = m:backward({ a, b }, torch.ones(3))
   tester:eq(gi[1][3] + gi[2][3], 1, 'a tie sends the gradient to one input')
   tester:eq(gi[1][3], 1, 'ties go to the first input')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CMinTable():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CMinTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CMinTable(), 'nn.CMinTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CMinTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
