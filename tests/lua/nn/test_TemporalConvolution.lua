-- nn.TemporalConvolution: windows of frames, strides, gradients, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndNonBatch()
   torch.manualSeed(1)
   H.jacobian(tester, nn.TemporalConvolution(3, 4, 3, 2), torch.Tensor(2, 8, 3))
   H.jacobian(tester, nn.TemporalConvolution(3, 2, 2), torch.Tensor(5, 3))
   H.jacobian(tester, nn.TemporalConvolution(2, 2, 2, 3), torch.Tensor(8, 2))
end

function tests.layoutAndDraws()
   torch.manualSeed(5)
   local m = nn.TemporalConvolution(3, 2, 4)
   tester:assert(m.weight:isSize(torch.LongStorage({ 2, 12 })), 'weight layout')
   torch.manualSeed(5)
   local stdv = 1 / math.sqrt(4 * 3)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(2, 12):uniform(-stdv, stdv)), 0, 'weight first')
   tester:eq(H.maxDiff(m.bias, torch.Tensor(2):uniform(-stdv, stdv)), 0, 'then bias')
end

function tests.windowIsConsecutiveFrames()
   local m = nn.TemporalConvolution(2, 1, 2, 2)
   m.weight:copy(torch.Tensor({ { 1, 10, 100, 1000 } }))
   m.bias:zero()
   local y = m:forward(torch.Tensor({ { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 }, { 9, 9 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 4321 }, { 8765 } })), 0, 'frames in order')
end

function tests.nonContiguousInput()
   torch.manualSeed(2)
   local m = nn.TemporalConvolution(3, 2, 2)
   local x = torch.rand(3, 6):t()
   tester:eq(H.maxDiff(m:forward(x), m:forward(x:contiguous())), 0, 'transposed input')
end

function tests.badInputNamesTheModule()
   local m = nn.TemporalConvolution(3, 2, 4)
   local ok, err = pcall(function() m:forward(torch.rand(3, 3)) end)
   tester:assert(not ok and tostring(err):find('nn.TemporalConvolution', 1, true), tostring(err))
   ok, err = pcall(function() m:forward(torch.rand(6, 2)) end)
   tester:assert(not ok and tostring(err):find('features', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.TemporalConvolution(3, 2, 4), 'nn.TemporalConvolution')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(8)
   H.roundTrip(tester, nn.TemporalConvolution(3, 4, 3, 2), torch.rand(2, 7, 3))
   H.roundTrip(tester, nn.TemporalConvolution(3, 4, 2), torch.rand(5, 3))
end

tester:add(tests)
return tester
