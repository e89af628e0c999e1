-- nn.SpatialConvolutionLocal: per-position filters, sizes, gradients, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.SpatialConvolutionLocal(2, 3, 4, 5, 3, 2, 1, 2, 1, 0),
      torch.Tensor(2, 2, 5, 4))
   H.jacobian(tester, nn.SpatialConvolutionLocal(2, 2, 4, 4, 2, 2), torch.Tensor(2, 4, 4))
end

function tests.layoutAndDraws()
   torch.manualSeed(3)
   local m = nn.SpatialConvolutionLocal(2, 3, 5, 4, 3, 2)
   tester:eq(m.oW, 3, 'oW'); tester:eq(m.oH, 3, 'oH')
   tester:assert(m.weight:isSize(torch.LongStorage({ 3, 3, 3, 2, 2, 3 })), 'weight layout')
   tester:assert(m.bias:isSize(torch.LongStorage({ 3, 3, 3 })), 'bias layout')
   torch.manualSeed(3)
   local stdv = 1 / math.sqrt(3 * 2 * 2)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(3, 3, 3, 2, 2, 3):uniform(-stdv, stdv)), 0,
      'weight drawn first')
   tester:eq(H.maxDiff(m.bias, torch.Tensor(3, 3, 3):uniform(-stdv, stdv)), 0, 'then bias')
end

function tests.sharedFiltersEqualConvolution()
   torch.manualSeed(4)
   local c = nn.SpatialConvolution(2, 3, 3, 3)
   local l = nn.SpatialConvolutionLocal(2, 3, 5, 5, 3, 3)
   for i = 1, 3 do
      for j = 1, 3 do
         l.weight[i][j]:copy(c.weight)
         l.bias[{ {}, i, j }]:copy(c.bias)
      end
   end
   local x = torch.rand(2, 2, 5, 5)
   tester:assert(H.maxDiff(l:forward(x), c:forward(x)) < 1e-12, 'same output')
end

function tests.badInputNamesTheModule()
   local m = nn.SpatialConvolutionLocal(2, 3, 5, 5, 3, 3)
   local ok, err = pcall(function() m:forward(torch.rand(2, 6, 5)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialConvolutionLocal', 1, true),
      tostring(err))
   m:forward(torch.rand(2, 5, 5))
   ok, err = pcall(function() m:backward(torch.rand(2, 5, 5), torch.rand(3, 2, 3)) end)
   tester:assert(not ok and tostring(err):find('gradOutput', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialConvolutionLocal(2, 3, 5, 5, 3, 3),
      'nn.SpatialConvolutionLocal(2 -> 3, 5x5, 3x3)')
   H.common(tester, nn.SpatialConvolutionLocal(2, 3, 5, 5, 3, 3, 2, 2, 1, 1),
      'nn.SpatialConvolutionLocal(2 -> 3, 5x5, 3x3, 2,2, 1,1)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.SpatialConvolutionLocal(2, 3, 4, 4, 3, 3, 1, 1, 1, 1),
      torch.rand(2, 2, 4, 4))
   H.roundTrip(tester, nn.SpatialConvolutionLocal(2, 2, 4, 4, 2, 2), torch.rand(2, 4, 4))
end

tester:add(tests)
return tester
