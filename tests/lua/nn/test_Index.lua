-- nn.Index: rows picked by a LongTensor of indices.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.gradientMatchesDefinition()
   local t, idx = torch.rand(4, 3), torch.LongTensor({ 2, 4, 2 })
   local m = nn.Index(1)
   tester:eq(H.maxDiff(m:forward({ t, idx }), t:index(1, idx)), 0, 'forward is index')
   local gi = m:backward({ t, idx }, torch.ones(3, 3))
   local expected = torch.Tensor({ { 0, 0, 0 }, { 2, 2, 2 }, { 0, 0, 0 }, { 1, 1, 1 } })
   tester:eq(H.maxDiff(gi[1], expected), 0, 'repeated rows accumulate')
   tester:eq(gi[2]:nElement(), 3, 'zero gradient for the indices')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Index(1):forward(torch.rand(3)) end)
   tester:assert(not ok and tostring(err):find('nn.Index', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Index(1), 'nn.Index')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Index(2), { torch.rand(3, 4), torch.LongTensor({ 4, 1 }) })
end

tester:add(tests)
return tester
