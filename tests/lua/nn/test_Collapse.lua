-- nn.Collapse: flatten the dimensions of a sample.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.batchKeepsFirstDimension()
   torch.manualSeed(9)
   local input = torch.randn(4, 3, 2, 5)
   local y = nn.Collapse(3):forward(input)
   tester:eq(H.sizes(y), '4x30', 'batch of flattened samples')
   tester:eq(H.maxDiff(y, input:view(4, 30)), 0, 'values in memory order')
   tester:assert(y:storage() == input:storage(), 'a view of a contiguous input')
end

function tests.singleSampleBecomesVector()
   torch.manualSeed(10)
   local input = torch.randn(3, 2, 5)
   local y = nn.Collapse(3):forward(input)
   tester:eq(H.sizes(y), '30', 'one sample gives a vector')
   tester:eq(H.maxDiff(y, input:view(30)), 0, 'values')
end

function tests.nonContiguousInputIsCopied()
   torch.manualSeed(11)
   local m = nn.Collapse(3)
   local input = torch.randn(8, 3, 4, 5):transpose(1, 4)
   local y = m:forward(input)
   tester:eq(H.sizes(y), '5x96', 'batch size from the transposed input')
   tester:eq(H.maxDiff(y, input:contiguous():view(5, 96)), 0, 'values of the copy')
   local gi = m:backward(input, y)
   tester:eq(H.sizes(gi), H.sizes(input), 'gradInput takes the input sizes')
   tester:eq(H.maxDiff(gi, input), 0, 'gradient is the reshaped gradOutput')
end

function tests.gradInputHasInputSize()
   torch.manualSeed(12)
   local m, input = nn.Collapse(2), torch.randn(3, 4, 2)
   local g = torch.randn(3, 8)
   m:forward(input)
   local gi = m:backward(input, g)
   tester:eq(H.sizes(gi), '3x4x2', 'sizes')
   tester:eq(H.maxDiff(gi:view(3, 8), g), 0, 'values')
end

function tests.jacobian()
   torch.manualSeed(13)
   H.jacobian(tester, nn.Collapse(2), torch.Tensor(3, 2, 2))
   H.jacobian(tester, nn.Collapse(2), torch.Tensor(2, 3))
end

function tests.errors()
   local ok, err = pcall(function() nn.Collapse(2):forward({}) end)
   tester:assert(not ok and err:find('nn.Collapse: input must be a tensor', 1, true), 'table')
   ok, err = pcall(function() nn.Collapse():forward(torch.Tensor(2)) end)
   tester:assert(not ok and err:find('nn.Collapse: nInputDim', 1, true), 'no nInputDim')
end

function tests.clearStateAndToString()
   local m = nn.Collapse(3)
   m:forward(torch.randn(2, 3, 4, 5):transpose(1, 4))
   tester:assert(m._input ~= nil, 'copy kept for a non-contiguous input')
   H.common(tester, m, 'nn.Collapse')
   tester:assert(m._input == nil, 'clearState drops the copy')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Collapse(2), torch.rand(3, 2, 2))
end

tester:add(tests)
return tester
