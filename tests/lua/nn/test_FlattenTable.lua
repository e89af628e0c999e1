-- nn.FlattenTable: a nested table flattened depth first.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.flattensAndNestsGradientsBack()
   local a, b, c, d = torch.rand(2), torch.rand(3), torch.rand(4), torch.rand(1)
   local m = nn.FlattenTable()
   local x = { a, { b, { c } }, d }
   local y = m:forward(x)
   tester:assert(#y == 4 and y[1] == a and y[2] == b and y[3] == c and y[4] == d, 'order')
   tester:assert(m:forward(x) == y, 'same structure reuses the output table')
   local go = { torch.rand(2), torch.rand(3), torch.rand(4), torch.rand(1) }
   local gi = m:backward(x, go)
   tester:assert(gi[1] == go[1] and gi[2][1] == go[2] and gi[2][2][1] == go[3]
      and gi[3] == go[4], 'gradients nested like the input')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.FlattenTable():forward(torch.rand(2)) end)
   tester:assert(not ok and tostring(err):find('nn.FlattenTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.FlattenTable(), 'nn.FlattenTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.FlattenTable(), { torch.rand(2), { torch.rand(3) } })
end

tester:add(tests)
return tester
