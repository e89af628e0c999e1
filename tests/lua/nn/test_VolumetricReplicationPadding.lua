-- nn.VolumetricReplicationPadding: border slices repeated along depth, height and width,
-- negative pads crop, gradients sum onto the border, errors, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianSingleAndBatch()
   torch.manualSeed(17)
   H.jacobian(tester, nn.VolumetricReplicationPadding(1, 2, 0, 1, 2, 1), torch.Tensor(2, 2, 3, 3))
   H.jacobian(tester, nn.VolumetricReplicationPadding(-1, 2, 1, -1, 1, -1),
      torch.Tensor(2, 1, 3, 4, 4))
   H.jacobian(tester, nn.VolumetricReplicationPadding(1), torch.Tensor(1, 2, 2, 2, 3))
end

function tests.valuesByDefinition()
   local x = torch.Tensor({ { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } } })
   local m = nn.VolumetricReplicationPadding(1, 0, 0, 1, 1, 2)
   local y = m:forward(x)
   tester:eq(H.sizes(y), '1x5x3x3', 'padded size')
   -- slice 1 repeats input slice 1, slices 4 and 5 repeat input slice 2
   local s1 = torch.Tensor({ { 1, 1, 2 }, { 3, 3, 4 }, { 3, 3, 4 } })
   local s2 = torch.Tensor({ { 5, 5, 6 }, { 7, 7, 8 }, { 7, 7, 8 } })
   for t, s in ipairs({ s1, s1, s2, s2, s2 }) do
      tester:eq(H.maxDiff(y[1][t], s), 0, 'slice ' .. t)
   end
   local gi = m:backward(x, torch.ones(1, 5, 3, 3))
   -- input element (1, 1, 1) feeds 2 slices x 2 columns; (2, 2, 2) feeds 3 slices x 2 rows
   tester:eq(gi[1][1][1][1], 4, 'front corner gradient')
   tester:eq(gi[1][2][2][2], 6, 'back corner gradient')
   tester:eq(gi:sum(), 45, 'every output gradient lands once')
end

function tests.negativePadsCrop()
   torch.manualSeed(2)
   local x = torch.rand(2, 3, 4, 5, 6)
   local y = nn.VolumetricReplicationPadding(-1, -2, -1, 0, 0, -1):forward(x)
   tester:eq(H.maxDiff(y, x:narrow(3, 1, 3):narrow(4, 2, 4):narrow(5, 2, 3)), 0, 'cropped')
end

function tests.batchMatchesSingle()
   torch.manualSeed(6)
   local x = torch.rand(3, 2, 2, 3, 4)
   local m = nn.VolumetricReplicationPadding(2, 1, 1, 0, 1, 2)
   local y = m:forward(x):clone()
   local g = torch.rand(y:size())
   local gi = m:backward(x, g):clone()
   for n = 1, 3 do
      tester:eq(H.maxDiff(m:forward(x[n]), y[n]), 0, 'forward item ' .. n)
      tester:eq(H.maxDiff(m:backward(x[n], g[n]), gi[n]), 0, 'backward item ' .. n)
   end
end

function tests.stridedInputAndFloat()
   torch.manualSeed(9)
   local x = torch.rand(2, 4, 3, 5):transpose(2, 4)
   local m = nn.VolumetricReplicationPadding(1, 1, 2, 0, 0, 1)
   local y = m:forward(x):clone()
   tester:eq(H.maxDiff(y, m:forward(x:contiguous())), 0, 'strided view pads like a copy')
   m:float()
   tester:assert(H.maxDiff(m:forward(x:float()):double(), y) < 1e-6, 'float works')
end

function tests.errorsNameTheModule()
   local function fails(f, text)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find('nn.VolumetricReplicationPadding', 1, true)
         and tostring(err):find(text, 1, true), tostring(err))
   end
   local m = nn.VolumetricReplicationPadding(1)
   fails(function() m:forward(torch.rand(3, 3, 3)) end, '4 or 5')
   fails(function() nn.VolumetricReplicationPadding(-2):forward(torch.rand(1, 3, 3, 3)) end,
      'too small')
   fails(function() m:backward(torch.rand(1, 2, 2, 2), torch.rand(1, 4, 4, 3)) end,
      'compatible')
end

function tests.clearStateAndToString()
   local m = nn.VolumetricReplicationPadding(1, 2, 3, 4, 5, 6)
   m:forward(torch.rand(1, 2, 2, 2))
   H.common(tester, m,
      'nn.VolumetricReplicationPadding(left=1, right=2, top=3, bottom=4, front=5, back=6)')
   tester:eq(tostring(nn.VolumetricReplicationPadding(2)),
      'nn.VolumetricReplicationPadding(left=2, right=2, top=2, bottom=2, front=2, back=2)',
      'defaults to pleft')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.roundTrip(tester, nn.VolumetricReplicationPadding(1, 2, -1, 1, 2, 0), torch.rand(2, 3, 4, 4))
   H.roundTrip(tester, nn.VolumetricReplicationPadding(1), torch.rand(2, 1, 2, 3, 3))
end

tester:add(tests)
return tester
