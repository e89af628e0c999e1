-- nn.SpatialDilatedMaxPooling: maxima over windows with spaced taps, output sizes, Torch7's
-- index layout, gradients where windows overlap, errors, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianSingleAndBatch()
   torch.manualSeed(21)
   H.jacobian(tester, nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 2, 2), torch.Tensor(2, 6, 6))
   H.jacobian(tester, nn.SpatialDilatedMaxPooling(3, 2, 2, 1, 1, 1, 2, 3):ceil(),
      torch.Tensor(2, 2, 7, 8))
   H.jacobian(tester, nn.SpatialDilatedMaxPooling(2, 3, 2, 2, 1, 0, 3, 1),
      torch.Tensor(3, 6, 9))
end

function tests.dilatedWindowMaximaByDefinition()
   torch.manualSeed(4)
   local x = torch.rand(2, 6, 7)
   local y = nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 3, 2):forward(x)
   tester:eq(H.sizes(y), '2x4x4', 'output size: 6 - 3, 7 - 3')
   -- taps at rows i, i + 2 and columns j, j + 3
   local want = torch.cmax(torch.cmax(x:narrow(2, 1, 4):narrow(3, 1, 4),
      x:narrow(2, 1, 4):narrow(3, 4, 4)), torch.cmax(x:narrow(2, 3, 4):narrow(3, 1, 4),
      x:narrow(2, 3, 4):narrow(3, 4, 4)))
   tester:eq(H.maxDiff(y, want), 0, 'maxima over the dilated taps')
end

function tests.indicesFlatOneBasedAndGradientRouted()
   local x = torch.Tensor({ { { 1, 0, 2, 0, 0 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 7 } } })
   local m = nn.SpatialDilatedMaxPooling(2, 2, 2, 1, 0, 0, 2, 2)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 2, 7 } } })), 0, 'maxima')
   tester:eq(torch.type(m.indices), 'torch.LongTensor', 'indices are Long')
   tester:eq(m.indices[1][1][1], 3, 'first window: row 1 column 3')
   tester:eq(m.indices[1][1][2], 15, 'second window: row 3 column 5')
   local gi = m:backward(x, torch.Tensor({ { { 1, 2 } } }))
   tester:eq(gi[1][1][3], 1, 'first gradient to its maximum')
   tester:eq(gi[1][3][5], 2, 'second gradient to its maximum')
   tester:eq(gi:sum(), 3, 'nothing else')
end

function tests.overlappingTapsAddUp()
   -- windows starting at columns 1 and 3 share column 3
   local x = torch.Tensor({ { { 0, 0, 5, 0, 0 } } })
   local m = nn.SpatialDilatedMaxPooling(2, 1, 2, 1, 0, 0, 2, 1)
   tester:eq(H.maxDiff(m:forward(x), torch.Tensor({ { { 5, 5 } } })), 0, 'shared maximum')
   local gi = m:backward(x, torch.Tensor({ { { 1, 2 } } }))
   tester:eq(gi[1][1][3], 3, 'gradients of both windows add up')
end

function tests.dilationOneMatchesMaxPooling()
   torch.manualSeed(8)
   local x = torch.rand(2, 3, 7, 7)
   local a = nn.SpatialDilatedMaxPooling(3, 3, 2, 2, 1, 1):ceil()
   local b = nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil()
   tester:eq(H.maxDiff(a:forward(x), b:forward(x)), 0, 'same output')
   tester:eq((a.indices - b.indices):abs():sum(), 0, 'same indices')
   local g = torch.rand(a.output:size())
   tester:eq(H.maxDiff(a:backward(x, g), b:backward(x, g)), 0, 'same gradient')
end

function tests.outputSizesFloorAndCeil()
   local x = torch.rand(1, 8, 8)
   -- span 2 * 2 + 1 = 5: (8 - 5) / 2 + 1
   local m = nn.SpatialDilatedMaxPooling(3, 3, 2, 2, 0, 0, 2, 2)
   tester:eq(m:forward(x):size(2), 2, 'floor')
   tester:eq(m:ceil():forward(x):size(2), 3, 'ceil')
   tester:eq(m.iheight, 8, 'input height kept for unpooling')
end

function tests.errorsNameTheModule()
   local function fails(f, text)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find('nn.SpatialDilatedMaxPooling', 1, true)
         and tostring(err):find(text, 1, true), tostring(err))
   end
   fails(function() nn.SpatialDilatedMaxPooling(2, 2):forward(torch.rand(4, 4)) end, '3D or 4D')
   fails(function()
      nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 0, 1):forward(torch.rand(1, 4, 4))
   end, 'dilation')
   fails(function()
      nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 2, 2):forward(torch.rand(1, 4, 4))
   end, 'pad')
   fails(function()
      nn.SpatialDilatedMaxPooling(3, 3, 1, 1, 0, 0, 3, 3):forward(torch.rand(1, 6, 6))
   end, 'too small')
   local m = nn.SpatialDilatedMaxPooling(2, 2)
   m:forward(torch.rand(1, 4, 4))
   fails(function() m:backward(torch.rand(1, 4, 4), torch.rand(1, 3, 3)) end, 'gradOutput')
end

function tests.clearStateAndToString()
   local m = nn.SpatialDilatedMaxPooling(3, 3, 2, 2, 1, 1, 2, 2)
   m:forward(torch.rand(1, 7, 7))
   H.common(tester, m, 'nn.SpatialDilatedMaxPooling(3x3, 2,2, 1,1, 2,2)')
   tester:eq(m.indices:nElement(), 0, 'indices cleared')
   tester:eq(tostring(nn.SpatialDilatedMaxPooling(2, 2)),
      'nn.SpatialDilatedMaxPooling(2x2, 2,2, 1,1)', 'no pads')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.roundTrip(tester, nn.SpatialDilatedMaxPooling(3, 3, 2, 2, 1, 1, 2, 2):ceil(),
      torch.rand(2, 2, 9, 9))
   H.roundTrip(tester, nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 2, 1), torch.rand(3, 4, 4))
end

tester:add(tests)
return tester
