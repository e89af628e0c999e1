-- nn.TemporalMaxPooling: max over frames per feature, 0-based window offsets as indices.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianSequenceAndBatch()
   torch.manualSeed(71)
   H.jacobian(tester, nn.TemporalMaxPooling(3, 2), torch.Tensor(9, 4))
   H.jacobian(tester, nn.TemporalMaxPooling(2), torch.Tensor(2, 7, 3))
end

function tests.valuesAndIndices()
   local x = torch.Tensor({ { 1, 5 }, { 3, 5 }, { 2, 0 }, { 0, 7 } })
   local m = nn.TemporalMaxPooling(2)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { 3, 5 }, { 2, 7 } })), 0, 'maxima')
   tester:eq(m.indices[1][1], 1, 'second frame of window 1 (0-based offset)')
   tester:eq(m.indices[1][2], 0, 'tie: first frame')
   tester:eq(m.dW, 2, 'step defaults to the window')
end

function tests.badInput()
   local ok, err = pcall(function() nn.TemporalMaxPooling(5):forward(torch.rand(3, 2)) end)
   tester:assert(not ok and tostring(err):find('smaller than kernel', 1, true), tostring(err))
   ok, err = pcall(function() nn.TemporalMaxPooling(2):forward(torch.rand(3)) end)
   tester:assert(not ok and tostring(err):find('nn.TemporalMaxPooling', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.TemporalMaxPooling(2)
   m:forward(torch.rand(4, 2))
   H.common(tester, m, 'nn.TemporalMaxPooling')
   tester:eq(m.indices:nElement(), 0, 'indices cleared')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(72)
   H.roundTrip(tester, nn.TemporalMaxPooling(3, 1), torch.rand(2, 6, 3))
end

tester:add(tests)
return tester
