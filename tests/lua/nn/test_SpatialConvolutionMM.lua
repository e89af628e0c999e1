-- nn.SpatialConvolutionMM: matrix weight, same numbers as SpatialConvolution, old layouts.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.SpatialConvolutionMM(2, 3, 3, 2), torch.Tensor(2, 2, 5, 4))
   H.jacobian(tester, nn.SpatialConvolutionMM(2, 3, 2, 3, 2, 2, 1, 1), torch.Tensor(2, 5, 6))
   H.jacobian(tester, nn.SpatialConvolutionMM(1, 2, 2, 2):noBias(), torch.Tensor(1, 3, 3))
end

function tests.sameDrawsAndNumbersAsSpatialConvolution()
   torch.manualSeed(9)
   local mm = nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1)
   torch.manualSeed(9)
   local sc = nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   tester:assert(mm.weight:isSize(torch.LongStorage({ 3, 18 })), 'weight is a matrix')
   tester:eq(H.maxDiff(mm.weight, sc.weight:view(3, 18)), 0, 'same weight draws')
   tester:eq(H.maxDiff(mm.bias, sc.bias), 0, 'same bias draws')
   local x, go = torch.rand(2, 2, 5, 4), torch.rand(2, 3, 5, 4)
   tester:eq(H.maxDiff(mm:forward(x), sc:forward(x)), 0, 'same output')
   tester:eq(H.maxDiff(mm:backward(x, go), sc:backward(x, go)), 0, 'same gradInput')
end

function tests.old4dWeightAndPadding()
   torch.manualSeed(3)
   local m = nn.SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1)
   local x, go = torch.rand(2, 4, 4), torch.rand(3, 4, 4)
   local y = m:forward(x):clone()
   m:zeroGradParameters()
   local gi = m:backward(x, go):clone()
   local gw = m.gradWeight:clone()
   local old = m:clone()
   old.weight = old.weight:view(3, 2, 3, 3)
   old.gradWeight = old.gradWeight:view(3, 2, 3, 3)
   old.padW, old.padH, old.padding, old.finput, old.fgradInput = nil, nil, 1, nil, nil
   tester:eq(H.maxDiff(old:forward(x), y), 0, '4-D weight read as a matrix')
   old:zeroGradParameters()
   tester:eq(H.maxDiff(old:backward(x, go), gi), 0, 'gradInput')
   tester:eq(H.maxDiff(old.gradWeight:view(3, 18), gw), 0, 'gradWeight')
   tester:assert(old.padding == nil and old.padW == 1, 'padding upgraded')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.SpatialConvolutionMM(3, 2, 3, 3):forward(torch.rand(5)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialConvolutionMM', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialConvolutionMM(3, 16, 5, 5, 1, 1, 2, 2),
      'nn.SpatialConvolutionMM(3 -> 16, 5x5, 1,1, 2,2)')
   H.common(tester, nn.SpatialConvolutionMM(3, 16, 5, 5):noBias(),
      'nn.SpatialConvolutionMM(3 -> 16, 5x5) without bias')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.SpatialConvolutionMM(2, 3, 3, 3, 2, 1, 1, 0), torch.rand(2, 2, 5, 5))
   H.roundTrip(tester, nn.SpatialConvolutionMM(2, 3, 2, 2), torch.rand(2, 4, 4))
end

tester:add(tests)
return tester
