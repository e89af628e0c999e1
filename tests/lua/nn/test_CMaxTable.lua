-- nn.CMaxTable: elementwise maximum of a table of tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.CMaxTable(), { torch.Tensor(2, 3), torch.Tensor(2, 3),
      torch.Tensor(2, 3) })
end

function tests.forwardAndGradientRouting()
   local a, b = torch.Tensor({ 1, 5, 2 }), torch.Tensor({ 3, 4, 2 })
   local m = nn.CMaxTable()
   local y = m:forward({ a, b })
   tester:eq(H.maxDiff(y, torch.cmax(a, b)), 0, 'elementwise max')
   local gi = m:backward({ a, b }, torch.ones(3))
   tester:eq(gi[1][3] + gi[2][3], 1, 'a tie sends the gradient to one input')
   tester:eq(gi[1][3], 1, 'ties go to the first input')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.CMaxTable():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.CMaxTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.CMaxTable(), 'nn.CMaxTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CMaxTable(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
