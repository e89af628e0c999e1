-- nn.OneHot: indices to one-hot rows.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.vectorInputGivesRowsOfTheIdentity()
   local input = torch.LongTensor({ 3, 1, 4 })
   local expected = torch.eye(5):index(1, input)
   local output = nn.OneHot(5):forward(input)
   tester:eq(torch.type(output), 'torch.DoubleTensor', 'output has the module type')
   tester:eq(H.maxDiff(output, expected), 0, 'one-hot rows')
end

function tests.matrixInputAddsALastDimension()
   local input = torch.Tensor({ { 2, 5 }, { 1, 1 }, { 4, 3 } })
   local output = nn.OneHot(5):forward(input)
   tester:eq(H.sizes(output), '3x2x5', 'sizes')
   local expected = torch.eye(5):index(1, input:long():view(-1)):view(3, 2, 5)
   tester:eq(H.maxDiff(output, expected), 0, 'values from a DoubleTensor of indices')
end

function tests.numberInputGivesAVector()
   local m = nn.OneHot(4)
   tester:eq(H.maxDiff(m:forward(2), torch.Tensor({ 0, 1, 0, 0 })), 0, 'number input')
   tester:eq(m:updateGradInput(2, torch.rand(4)), 0, 'gradient of a number is 0')
end

function tests.gradInputIsZeroOfInputSize()
   local m = nn.OneHot(3)
   local input = torch.LongTensor({ { 1, 2 }, { 3, 3 } })
   m:forward(input)
   local gi = m:backward(input, torch.rand(2, 2, 3))
   tester:eq(H.sizes(gi), '2x2', 'sizes')
   tester:eq(gi:abs():max(), 0, 'zeros')
end

function tests.floatModule()
   local m = nn.OneHot(3):float()
   local y = m:forward(torch.LongTensor({ 3 }))
   tester:eq(torch.type(y), 'torch.FloatTensor', 'type follows the module')
   tester:eq(H.maxDiff(y:double(), torch.Tensor({ { 0, 0, 1 } })), 0, 'values')
end

function tests.errors()
   tester:assertErrorPattern(function() nn.OneHot(3):forward('x') end, 'nn.OneHot', 'string')
   tester:assertError(function() nn.OneHot(3):forward(torch.LongTensor({ 4 })) end,
      'index out of range')
end

function tests.clearStateAndToString()
   local m = nn.OneHot(7)
   m:forward(2)
   H.common(tester, m, 'nn.OneHot(7)')
   tester:assert(m._single == nil, 'clearState drops the buffers')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.OneHot(6), torch.LongTensor({ 1, 6, 2 }))
end

tester:add(tests)
return tester
