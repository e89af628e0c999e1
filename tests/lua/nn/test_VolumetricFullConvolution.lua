-- nn.VolumetricFullConvolution: transposed 3-D convolution, adj, table input, old layouts.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.VolumetricFullConvolution(2, 2, 2, 2, 3, 2, 1, 2, 1, 0, 0, 1, 0, 1),
      torch.Tensor(2, 2, 2, 2, 2))
   H.jacobian(tester, nn.VolumetricFullConvolution(2, 2, 2, 2, 2), torch.Tensor(2, 2, 2, 3))
end

function tests.layoutAndDraws()
   torch.manualSeed(5)
   local m = nn.VolumetricFullConvolution(2, 3, 2, 3, 4)
   tester:assert(m.weight:isSize(torch.LongStorage({ 2, 3, 2, 4, 3 })), 'Cin x Cout x kT x kH x kW')
   torch.manualSeed(5)
   local stdv = 1 / math.sqrt(2 * 3 * 4 * 2)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(2, 3, 2, 4, 3):uniform(-stdv, stdv)), 0,
      'weight first')
   tester:eq(H.maxDiff(m.bias, torch.Tensor(3):uniform(-stdv, stdv)), 0, 'then bias')
end

function tests.singleFrameEqualsSpatialFullConvolution()
   torch.manualSeed(4)
   local v = nn.VolumetricFullConvolution(2, 3, 1, 3, 3, 1, 2, 2, 0, 1, 1, 0, 1, 1)
   local s = nn.SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 1)
   s.weight:copy(v.weight:view(2, 3, 3, 3)); s.bias:copy(v.bias)
   local x = torch.rand(2, 2, 1, 3, 4)
   tester:assert(H.maxDiff(v:forward(x):select(3, 1), s:forward(x:select(3, 1))) < 1e-12,
      'one frame')
end

function tests.tableInputTakesTargetSize()
   local m = nn.VolumetricFullConvolution(1, 2, 3, 3, 3, 2, 2, 2, 1, 1, 1)
   local x, target = torch.rand(1, 3, 3, 3), torch.rand(2, 6, 5, 6)
   tester:assert(m:forward({ x, target }):isSize(torch.LongStorage({ 2, 6, 5, 6 })), 'size')
   local gi = m:backward({ x, target }, torch.rand(2, 6, 5, 6))
   tester:assert(gi[1]:isSameSizeAs(x) and gi[2]:sum() == 0, 'table gradInput')
end

function tests.oldLayoutIsTransposed()
   torch.manualSeed(2)
   local m = nn.VolumetricFullConvolution(2, 3, 2, 2, 2)
   local x = torch.rand(2, 2, 2, 2)
   local go = torch.rand(3, 3, 3, 3)
   local y = m:forward(x):clone()
   m:zeroGradParameters()
   local gi = m:backward(x, go):clone()
   local old = m:clone()
   old.weight = m.weight:transpose(1, 2):contiguous()
   old.gradWeight = m.gradWeight:transpose(1, 2):contiguous()
   old.adjW, old.adjH, old.adjT = nil, nil, nil
   old.pW, old.pH, old.pT, old.padW, old.padH, old.padT = 0, 0, 0, nil, nil, nil
   tester:eq(H.maxDiff(old:forward(x), y), 0, 'old file gives the same output')
   tester:eq(old.padW, 0, 'pW renamed')
   old:zeroGradParameters()
   tester:eq(H.maxDiff(old:backward(x, go), gi), 0, 'same gradInput')
   tester:eq(H.maxDiff(old.gradWeight, m.gradWeight), 0, 'same gradWeight layout and values')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.VolumetricFullConvolution(2, 3, 2, 2, 2):forward(torch.rand(3, 2, 2, 2))
   end)
   tester:assert(not ok and tostring(err):find('nn.VolumetricFullConvolution', 1, true),
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricFullConvolution(2, 3, 2, 3, 4),
      'nn.VolumetricFullConvolution(2 -> 3, 2x3x4)')
   H.common(tester, nn.VolumetricFullConvolution(2, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0, 1),
      'nn.VolumetricFullConvolution(2 -> 3, 2x2x2, 2,2,2, 1,1,1, 1,0,1)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.VolumetricFullConvolution(2, 2, 2, 2, 2, 2, 1, 1, 0, 1, 0, 1),
      torch.rand(2, 2, 2, 2, 3))
end

tester:add(tests)
return tester
