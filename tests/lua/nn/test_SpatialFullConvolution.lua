-- nn.SpatialFullConvolution: transposed convolution, adj, table input, gradients, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.SpatialFullConvolution(2, 3, 3, 2, 2, 2, 1, 0, 1, 1),
      torch.Tensor(2, 2, 3, 4))
   H.jacobian(tester, nn.SpatialFullConvolution(2, 2, 2, 3), torch.Tensor(2, 3, 3))
   H.jacobian(tester, nn.SpatialFullConvolution(1, 2, 3, 3, 2, 2):noBias(),
      torch.Tensor(1, 2, 2))
end

function tests.weightLayoutAndDraws()
   torch.manualSeed(6)
   local m = nn.SpatialFullConvolution(2, 3, 3, 2)
   tester:assert(m.weight:isSize(torch.LongStorage({ 2, 3, 2, 3 })), 'nIn x nOut x kH x kW')
   torch.manualSeed(6)
   local stdv = 1 / math.sqrt(3 * 2 * 2)
   local w = torch.Tensor(2, 3, 2, 3):uniform(-stdv, stdv)
   tester:eq(H.maxDiff(m.weight, w), 0, 'weight drawn first')
   tester:eq(H.maxDiff(m.bias, torch.Tensor(3):uniform(-stdv, stdv)), 0, 'then bias')
end

function tests.outputSizeWithAdj()
   local m = nn.SpatialFullConvolution(1, 1, 3, 3, 2, 2, 1, 1, 1, 0)
   local y = m:forward(torch.rand(1, 4, 5))
   tester:assert(y:isSize(torch.LongStorage({ 1, 7, 10 })), 'oH = 3*2-2+3, oW = 4*2-2+3+1')
   local ok = pcall(function() nn.SpatialFullConvolution(1, 1, 3, 3, 2, 2, 0, 0, 2, 0) end)
   tester:assert(not ok, 'adj must be smaller than the stride')
end

function tests.tableInputTakesTargetSize()
   torch.manualSeed(2)
   local m = nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1)
   local x, target = torch.rand(2, 2, 4, 4), torch.rand(2, 3, 8, 7)
   local y = m:forward({ x, target })
   tester:assert(y:isSize(torch.LongStorage({ 2, 3, 8, 7 })), 'output has the target size')
   local go = torch.rand(2, 3, 8, 7)
   local gi = m:backward({ x, target }, go)
   tester:eq(torch.type(gi), 'table', 'gradInput is a table')
   tester:assert(gi[1]:isSameSizeAs(x) and gi[2]:isSameSizeAs(target), 'sizes')
   tester:eq(gi[2]:sum(), 0, 'no gradient for the target')
   local ref = nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 0, 1)
   ref.weight:copy(m.weight); ref.bias:copy(m.bias)
   tester:eq(H.maxDiff(ref:forward(x), y), 0, 'same as adjH = 1')
   tester:eq(H.maxDiff(ref:backward(x, go), gi[1]), 0, 'same gradInput')
   m:forward(x)
   tester:assert(m:backward(x, torch.rand(2, 3, 7, 7)):isSameSizeAs(x), 'tensor input again')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.SpatialFullConvolution(3, 2, 3, 3):forward(torch.rand(2, 4, 4))
   end)
   tester:assert(not ok and tostring(err):find('nn.SpatialFullConvolution', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialFullConvolution(2, 3, 3, 3),
      'nn.SpatialFullConvolution(2 -> 3, 3x3)')
   H.common(tester, nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1),
      'nn.SpatialFullConvolution(2 -> 3, 3x3, 2,2, 1,1, 1,1)')
   H.common(tester, nn.SpatialFullConvolution(2, 3, 3, 3):noBias(),
      'nn.SpatialFullConvolution(2 -> 3, 3x3) without bias')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1),
      torch.rand(2, 2, 3, 3))
   H.roundTrip(tester, nn.SpatialFullConvolution(2, 3, 2, 2), torch.rand(2, 3, 3))
end

tester:add(tests)
return tester
