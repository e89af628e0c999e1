-- nn.Constant: a constant output, whatever the input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.numberBecomesOneElementTensor()
   local m = nn.Constant(2.5)
   tester:assert(torch.isTensor(m.value) and m.value:nElement() == 1, 'value tensor')
   local y = m:forward(torch.randn(3, 4))
   tester:eq(H.sizes(y), '1', 'no batch without nInputDim')
   tester:eq(y[1], 2.5, 'value')
end

function tests.tensorValueIsCopied()
   torch.manualSeed(14)
   local value = torch.randn(2, 3)
   local m = nn.Constant(value)
   local y = m:forward(torch.randn(5))
   tester:eq(H.maxDiff(y, value), 0, 'output equals the value')
   tester:assert(y:storage() ~= value:storage(), 'output is a copy')
end

function tests.batchRepeatsValue()
   torch.manualSeed(15)
   local value = torch.randn(30, 6)
   local m = nn.Constant(value:clone(), 2)
   local y = m:forward(torch.randn(7, 3, 7))
   tester:eq(H.sizes(y), '7x30x6', 'one copy per sample')
   tester:eq(H.maxDiff(y, value:view(1, 30, 6):expand(7, 30, 6)), 0, 'values')
   y = m:forward(torch.randn(3, 7))
   tester:eq(H.sizes(y), '30x6', 'an input of nInputDim dimensions is one sample')
   tester:eq(H.maxDiff(y, value), 0, 'single-sample value')
end

function tests.gradInputIsZero()
   torch.manualSeed(16)
   local m, input = nn.Constant(torch.randn(4), 1), torch.randn(3, 5)
   local y = m:forward(input)
   local gi = m:backward(input, torch.randn(y:size()))
   tester:eq(H.sizes(gi), '3x5', 'input sizes')
   tester:eq(H.maxDiff(gi, torch.zeros(3, 5)), 0, 'zero')
end

function tests.jacobian()
   torch.manualSeed(17)
   H.jacobian(tester, nn.Constant(torch.randn(2, 2), 1), torch.Tensor(3, 2))
   H.jacobian(tester, nn.Constant(1.5), torch.Tensor(4))
end

function tests.errors()
   local ok, err = pcall(function() nn.Constant('x') end)
   tester:assert(not ok and err:find('nn.Constant: value must be a number or a tensor', 1, true),
      'string value')
   ok, err = pcall(function() nn.Constant() end)
   tester:assert(not ok and err:find('nn.Constant: value', 1, true), 'no value')
end

function tests.typeConvertsValue()
   local m = nn.Constant(torch.randn(3), 1):float()
   tester:eq(torch.type(m.value), 'torch.FloatTensor', 'value converted')
   tester:eq(torch.type(m:forward(torch.FloatTensor(2, 4))), 'torch.FloatTensor', 'output type')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Constant(1), 'nn.Constant')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(18)
   H.roundTrip(tester, nn.Constant(torch.randn(2, 3), 1), torch.rand(4, 5))
end

tester:add(tests)
return tester
