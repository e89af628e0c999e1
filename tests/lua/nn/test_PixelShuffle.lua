-- nn.PixelShuffle: sub-pixel rearrangement of channels into space.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesByDefinition()
   -- four 1x1 planes become one 2x2 plane, row by row
   local y = nn.PixelShuffle(2):forward(torch.Tensor({ 1, 2, 3, 4 }):view(4, 1, 1))
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 1, 2 }, { 3, 4 } } })), 0, '1x1 planes')
   -- output (c, h, w) reads input channel c*r*r + (h % r)*r + (w % r) at (h // r, w // r)
   local r, c, h, w = 3, 2, 2, 3
   local x = torch.rand(c * r * r, h, w)
   y = nn.PixelShuffle(r):forward(x)
   tester:eq(y:size(1), c, 'channels')
   tester:eq(y:size(2), h * r, 'height')
   tester:eq(y:size(3), w * r, 'width')
   local worst = 0
   for k = 0, c - 1 do
      for i = 0, h * r - 1 do
         for j = 0, w * r - 1 do
            local src = x[k * r * r + (i % r) * r + (j % r) + 1][math.floor(i / r) + 1]
            worst = math.max(worst, math.abs(y[k + 1][i + 1][j + 1] - src[math.floor(j / r) + 1]))
         end
      end
   end
   tester:eq(worst, 0, 'every pixel')
end

function tests.backwardInvertsForward()
   torch.manualSeed(821)
   local m = nn.PixelShuffle(2)
   local x = torch.rand(3, 8, 2, 3)
   local y = m:forward(x)
   tester:eq(H.maxDiff(m:backward(x, y), x), 0, 'gradInput of the output is the input')
end

function tests.jacobian()
   torch.manualSeed(822)
   H.jacobian(tester, nn.PixelShuffle(2), torch.Tensor(8, 2, 3))
   H.jacobian(tester, nn.PixelShuffle(3), torch.Tensor(2, 9, 2, 2))
end

function tests.batchMatchesSingle()
   torch.manualSeed(823)
   local m = nn.PixelShuffle(2)
   local x = torch.rand(2, 4, 3, 2)
   local yb = m:forward(x):clone()
   for i = 1, 2 do tester:eq(H.maxDiff(m:forward(x[i]), yb[i]), 0, 'sample ' .. i) end
end

function tests.nonContiguousGradOutput()
   local m = nn.PixelShuffle(2)
   local x = torch.rand(4, 3, 3)
   m:forward(x)
   local g = torch.rand(1, 6, 6):transpose(2, 3)
   tester:assert(not g:isContiguous(), 'a transposed gradOutput')
   local gi = m:backward(x, g):clone()
   tester:eq(gi:dim(), 3, 'shape of the input')
   tester:eq(H.maxDiff(gi, m:backward(x, g:clone())), 0, 'same as contiguous')
end

function tests.errors()
   local m = nn.PixelShuffle(2)
   local ok, err = pcall(function() m:forward(torch.rand(6, 2, 2)) end)
   tester:assert(not ok and err:find('nn.PixelShuffle', 1, true) ~= nil, 'planes not a multiple')
   tester:assert(not pcall(function() m:forward(torch.rand(4, 2)) end), '2-D input')
   tester:assert(not pcall(function() nn.PixelShuffle() end), 'factor needed')
end

function tests.clearStateAndToString()
   local m = nn.PixelShuffle(2)
   m:forward(torch.rand(4, 2, 2))
   H.common(tester, m, 'nn.PixelShuffle(2)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(824)
   H.roundTrip(tester, nn.PixelShuffle(2), torch.rand(2, 8, 3, 2))
end

tester:add(tests)
return tester
