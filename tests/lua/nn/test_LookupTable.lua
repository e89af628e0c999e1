-- nn.LookupTable: rows of a learnt table picked by index.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.weightGradientMatchesDefinition()
   torch.manualSeed(1)
   local m = nn.LookupTable(5, 3)
   local idx = torch.LongTensor({ { 1, 2, 5 }, { 2, 2, 3 } })
   local y = m:forward(idx)
   tester:assert(y:size(1) == 2 and y:size(2) == 3 and y:size(3) == 3, 'batch output size')
   tester:eq(H.maxDiff(y[1][3], m.weight[5]), 0, 'row 5')
   m:zeroGradParameters()
   m:backward(idx, torch.ones(2, 3, 3), 0.5)
   local counts = { 0.5, 1.5, 0.5, 0, 0.5 }
   for i = 1, 5 do tester:eq(m.gradWeight[i][1], counts[i], 'row ' .. i .. ' gradient') end
   tester:eq(m:backward(idx, torch.ones(2, 3, 3)):nElement(), 6, 'gradInput sized as input')
end

function tests.paddingFrequencyAndVectorInput()
   local m = nn.LookupTable(4, 2, 2):scaleGradByFreq()
   local idx = torch.LongTensor({ 1, 2, 1, 3 })
   m:forward(idx)
   m:zeroGradParameters()
   m:backward(idx, torch.ones(4, 2))
   tester:eq(H.maxDiff(m.gradWeight:select(2, 1), torch.Tensor({ 1, 0, 1, 0 })), 0,
      'padding row skipped, repeated row scaled by its count')
end

function tests.maxNormRenormsLookedUpRows()
   local m = nn.LookupTable(3, 2, 0, 1)
   m.weight:fill(3)
   m:forward(torch.LongTensor({ 1, 1 }))
   tester:assert(math.abs(m.weight[1]:norm() - 1) < 1e-6, 'row 1 renormed')
   tester:eq(m.weight[2][1], 3, 'row 2 untouched')
   local r = nn.LookupTable(2, 2):setMaxNorm(2):setNormType(1)
   r.weight:fill(2)
   r:renorm(torch.LongTensor({ 2 }))
   tester:assert(math.abs(r.weight[2]:norm(1) - 2) < 1e-6, 'L1 renorm')
end

function tests.resetDrawsNormal()
   torch.manualSeed(3)
   local m = nn.LookupTable(4, 2)
   torch.manualSeed(3)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(4, 2):normal(0, 1)), 0, 'N(0, 1)')
end

function tests.updateParametersAndAccUpdate()
   torch.manualSeed(4)
   local m = nn.LookupTable(4, 2)
   local idx = torch.LongTensor({ 2 })
   local w = m.weight:clone()
   m:forward(idx)
   m:accUpdateGradParameters(idx, torch.ones(1, 2), 0.1)
   tester:assert(math.abs(m.weight[2][1] - (w[2][1] - 0.1)) < 1e-12, 'accUpdate moves the row')
end

function tests.indicesOfAnyTypeOrLayout()
   torch.manualSeed(6)
   local m = nn.LookupTable(5, 3)
   local want = m:forward(torch.LongTensor({ 1, 5, 2 })):clone()
   local asDouble = torch.Tensor({ 1, 5, 2 })
   tester:eq(H.maxDiff(m:forward(asDouble), want), 0, 'DoubleTensor indices')
   tester:assert(m.copiedInput == true, 'copied into _input')
   local strided = torch.LongTensor({ { 1, 9 }, { 5, 9 }, { 2, 9 } }):select(2, 1)
   tester:eq(H.maxDiff(m:forward(strided), want), 0, 'non-contiguous indices')
   tester:eq(H.maxDiff(m:forward(torch.IntTensor({ 1, 5, 2 })), want), 0, 'IntTensor indices')
   m:forward(torch.LongTensor({ 1 }))
   tester:assert(m.copiedInput == false, 'a contiguous LongTensor is used as it is')
   m:zeroGradParameters()
   m:backward(asDouble, torch.ones(3, 3))
   tester:eq(m.gradWeight:sum(), 9, 'gradients of DoubleTensor indices')
   tester:eq(m.gradWeight[5][1], 1, 'row 5 gradient')
   local r = nn.LookupTable(2, 2, 0, 1)
   r.weight:fill(3)
   r:forward(torch.Tensor({ 2 }))
   tester:assert(math.abs(r.weight[2]:norm() - 1) < 1e-6, 'renorm with DoubleTensor indices')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.LookupTable(3, 2):forward(torch.LongTensor({ 4 })) end)
   tester:assert(not ok and tostring(err):find('LookupTable', 1, true) ~= nil, tostring(err))
   ok, err = pcall(function() nn.LookupTable(3, 2):forward(torch.LongTensor(2, 2, 2)) end)
   tester:assert(not ok and tostring(err):find('nn.LookupTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.LookupTable(3, 2), 'nn.LookupTable')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.roundTrip(tester, nn.LookupTable(5, 3), torch.LongTensor({ { 1, 5 }, { 3, 3 } }))
end

tester:add(tests)
return tester
