-- nn.SpatialMaxPooling: output sizes (floor/ceil, padding rule), Torch7's index layout,
-- gradients, old files, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndPlanes()
   torch.manualSeed(11)
   H.jacobian(tester, nn.SpatialMaxPooling(2, 2), torch.Tensor(2, 3, 6, 6))
   H.jacobian(tester, nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil(), torch.Tensor(3, 7, 8))
   H.jacobian(tester, nn.SpatialMaxPooling(3, 2, 1, 2), torch.Tensor(2, 2, 5, 6))
end

function tests.outputSizesFloorCeilAndLastWindowRule()
   local x = torch.rand(1, 7, 7)
   tester:eq(nn.SpatialMaxPooling(2, 2):forward(x):size(2), 3, 'floor')
   tester:eq(nn.SpatialMaxPooling(2, 2):ceil():forward(x):size(2), 4, 'ceil')
   tester:eq(nn.SpatialMaxPooling(2, 2):ceil():floor():forward(x):size(2), 3, 'floor again')
   -- 5 - 2 + 2*1 = 5, ceil(5/2) + 1 = 4, but a 4th window would start at 3*2 - 1 = 5, past
   -- the input: dropped
   local m = nn.SpatialMaxPooling(2, 2, 2, 2, 1, 1):ceil()
   tester:eq(m:forward(torch.rand(1, 5, 5)):size(2), 3, 'last window starts inside')
   tester:eq(m.iheight, 5, 'input height kept for unpooling')
   tester:eq(nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil():forward(torch.rand(1, 6, 6)):size(2),
      4, 'ceil window overhanging the padding kept')
end

function tests.indicesAreFlatOneBasedFirstMaximum()
   local x = torch.Tensor({ { { 1, 3, 3, 0 }, { 2, 3, 0, 0 }, { 5, 5, 1, 1 }, { 5, 4, 1, 1 } } })
   local m = nn.SpatialMaxPooling(2, 2)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { { 3, 3 }, { 5, 1 } } })), 0, 'maxima')
   tester:eq(torch.type(m.indices), 'torch.LongTensor', 'indices are Long')
   local want = { 2, 3, 9, 11 }
   local got = m.indices:view(4)
   for i = 1, 4 do tester:eq(got[i], want[i], 'index ' .. i .. ' (first maximum, 1-based)') end
   local gi = m:backward(x, torch.Tensor({ { { 1, 2 }, { 3, 4 } } }))
   tester:eq(gi:sum(), 10, 'gradient routed')
   tester:eq(gi[1][1][2], 1, 'to the first maximum')
end

function tests.floatAndStridedInput()
   torch.manualSeed(3)
   local base = torch.rand(2, 3, 6, 8)
   local x = base:transpose(3, 4)
   local m = nn.SpatialMaxPooling(2, 2, 2, 2)
   local y = m:forward(x):clone()
   local yc = nn.SpatialMaxPooling(2, 2, 2, 2):forward(x:contiguous())
   tester:eq(H.maxDiff(y, yc), 0, 'strided view pools like a copy')
   m:float()
   local yf = m:forward(x:float())
   tester:assert(H.maxDiff(yf:double(), y) < 1e-6, 'float works')
   tester:eq(torch.type(m.indices), 'torch.LongTensor', 'indices stay Long after :float()')
end

function tests.badInputAndPadding()
   local ok, err = pcall(function() nn.SpatialMaxPooling(2, 2):forward(torch.rand(4, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialMaxPooling', 1, true), tostring(err))
   ok, err = pcall(function()
      nn.SpatialMaxPooling(2, 2, 1, 1, 2, 2):forward(torch.rand(1, 4, 4))
   end)
   tester:assert(not ok and tostring(err):find('pad', 1, true), tostring(err))
   ok, err = pcall(function() nn.SpatialMaxPooling(5, 5):forward(torch.rand(1, 3, 3)) end)
   tester:assert(not ok and tostring(err):find('too small', 1, true), tostring(err))
end

function tests.oldFileWithoutNewFields()
   local m = nn.SpatialMaxPooling(2, 2)
   m.ceil_mode, m.padW, m.padH, m.indices = nil, nil, nil, nil
   local y = m:forward(torch.rand(1, 4, 4))
   tester:eq(y:size(2), 2, 'defaults filled in')
end

function tests.clearStateAndToString()
   local m = nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1)
   m:forward(torch.rand(1, 5, 5))
   H.common(tester, m, 'nn.SpatialMaxPooling(3x3, 2,2, 1,1)')
   tester:eq(m.indices:nElement(), 0, 'indices cleared')
   tester:eq(tostring(nn.SpatialMaxPooling(2, 2)), 'nn.SpatialMaxPooling(2x2, 2,2)', 'no pads')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(5)
   H.roundTrip(tester, nn.SpatialMaxPooling(3, 3, 2, 2, 1, 1):ceil(), torch.rand(2, 2, 7, 7))
   H.roundTrip(tester, nn.SpatialMaxPooling(2, 2), torch.rand(3, 4, 4))
end

tester:add(tests)
return tester
