-- nn.SpatialConvolution: gradients, initialisation, old file layouts, buffers, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.SpatialConvolution(2, 3, 3, 2), torch.Tensor(2, 2, 5, 4))
   H.jacobian(tester, nn.SpatialConvolution(2, 3, 3, 3, 2, 1, 1, 2), torch.Tensor(2, 6, 5))
   H.jacobian(tester, nn.SpatialConvolution(1, 2, 2, 2, 1, 1, 1):noBias(),
      torch.Tensor(3, 1, 3, 3))
end

function tests.resetDrawsWeightThenBias()
   torch.manualSeed(5)
   local m = nn.SpatialConvolution(2, 3, 3, 2)
   torch.manualSeed(5)
   local stdv = 1 / math.sqrt(3 * 2 * 2)
   local w = torch.Tensor(3, 2, 2, 3):uniform(-stdv, stdv)
   local b = torch.Tensor(3):uniform(-stdv, stdv)
   tester:eq(H.maxDiff(m.weight, w), 0, 'weight drawn first')
   tester:eq(H.maxDiff(m.bias, b), 0, 'bias drawn second')
   torch.manualSeed(3)
   m:reset(0.2)
   torch.manualSeed(3)
   w = torch.Tensor(3, 2, 2, 3):uniform(-0.2 * math.sqrt(3), 0.2 * math.sqrt(3))
   tester:eq(H.maxDiff(m.weight, w), 0, 'reset(stdv) scales stdv by sqrt(3)')
end

function tests.fieldsAndDefaults()
   local m = nn.SpatialConvolution(3, 4, 5, 2)
   tester:eq(m.dW, 1, 'dW'); tester:eq(m.dH, 1, 'dH')
   tester:eq(m.padW, 0, 'padW'); tester:eq(m.padH, 0, 'padH')
   tester:assert(m.weight:isSize(torch.LongStorage({ 4, 3, 2, 5 })), 'weight layout')
   tester:eq(nn.SpatialConvolution(3, 4, 5, 2, 1, 1, 2).padH, 2, 'padH defaults to padW')
end

function tests.forwardSmallExample()
   local m = nn.SpatialConvolution(1, 1, 2, 2)
   m.weight:copy(torch.Tensor({ 1, 2, 3, 4 }))
   m.bias:fill(0.5)
   local x = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } }):view(1, 2, 3)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 37.5, 47.5 } } })), 0, 'valid cross-correlation')
end

function tests.oldFileWithPaddingAnd2dWeight()
   torch.manualSeed(2)
   local m = nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   local x = torch.rand(2, 5, 5)
   local ref = m:forward(x):clone()
   local old = m:clone()
   old.padW, old.padH, old.finput, old.fgradInput = nil, nil, nil, nil
   old.padding = 1
   old.weight = old.weight:view(3, 18)
   old.gradWeight = old.gradWeight:view(3, 18)
   tester:eq(H.maxDiff(old:forward(x), ref), 0, 'old module gives the same output')
   tester:assert(old.padding == nil and old.padW == 1 and old.padH == 1, 'padding upgraded')
   tester:eq(old.weight:dim(), 4, 'weight viewed back as 4-D')
end

function tests.columnsLiveInFinput()
   local m = nn.SpatialConvolution(2, 3, 3, 3)
   m:forward(torch.rand(4, 2, 6, 6))
   local st = m.finput:storage()
   m:backward(torch.rand(4, 2, 6, 6), torch.rand(4, 3, 4, 4))
   m:forward(torch.rand(4, 2, 6, 6))
   tester:assert(m.finput:nElement() > 0 and m.fgradInput:nElement() > 0, 'buffers used')
   tester:assert(m.finput:storage() == st, 'finput reused between calls')
end

function tests.floatMatchesDouble()
   torch.manualSeed(4)
   local m = nn.SpatialConvolution(3, 2, 3, 3, 1, 1, 1, 1)
   local x, go = torch.rand(2, 3, 5, 5), torch.rand(2, 2, 5, 5)
   local y, gi = m:forward(x):clone(), m:backward(x, go):clone()
   local f = m:clone():float()
   tester:eq(torch.type(f.finput), 'torch.FloatTensor', 'buffers converted')
   tester:assert(H.maxDiff(f:forward(x:float()):double(), y) < 1e-5, 'float forward')
   tester:assert(H.maxDiff(f:backward(x:float(), go:float()):double(), gi) < 1e-5,
      'float backward')
end

function tests.badInputNamesTheModule()
   local m = nn.SpatialConvolution(3, 2, 3, 3)
   local ok, err = pcall(function() m:forward(torch.rand(3, 5)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialConvolution', 1, true), tostring(err))
   ok, err = pcall(function() m:forward(torch.rand(2, 5, 5)) end)
   tester:assert(not ok and tostring(err):find('planes', 1, true), tostring(err))
   ok, err = pcall(function() m:forward(torch.rand(3, 2, 2)) end)
   tester:assert(not ok and tostring(err):find('too small', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialConvolution(3, 16, 5, 5), 'nn.SpatialConvolution(3 -> 16, 5x5)')
   H.common(tester, nn.SpatialConvolution(3, 16, 5, 3, 2, 2, 1, 0),
      'nn.SpatialConvolution(3 -> 16, 5x3, 2,2, 1,0)')
   H.common(tester, nn.SpatialConvolution(3, 16, 5, 5):noBias(),
      'nn.SpatialConvolution(3 -> 16, 5x5) without bias')
   local m = nn.SpatialConvolution(1, 1, 2, 2)
   m:forward(torch.rand(1, 3, 3))
   m:clearState()
   tester:eq(m.finput:nElement(), 0, 'clearState empties finput')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1), torch.rand(2, 2, 4, 5))
   H.roundTrip(tester, nn.SpatialConvolution(2, 3, 2, 2):noBias(), torch.rand(2, 4, 4))
end

tester:add(tests)
return tester
