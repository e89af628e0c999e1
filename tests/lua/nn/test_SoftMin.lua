-- nn.SoftMin: soft-max of the negated input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(33)
   H.jacobian(tester, nn.SoftMin(), torch.Tensor(5))
   H.jacobian(tester, nn.SoftMin(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.SoftMin(), torch.Tensor(2, 3, 2, 2))
end

function tests.valuesMatchSoftMaxOfNegated()
   torch.manualSeed(34)
   local x = torch.randn(3, 4)
   local y = nn.SoftMin():forward(x)
   tester:eq(y, nn.SoftMax():forward(-x), 1e-15, 'softmin(x) = softmax(-x)')
   tester:eq(y:sum(2), torch.ones(3, 1), 1e-12, 'rows sum to 1')
   tester:assert(y[1][1] > 0, 'positive')
end

function tests.badInput()
   tester:assertErrorPattern(function() nn.SoftMin():forward(torch.Tensor(1, 1, 1, 1, 2)) end,
      'nn.SoftMin', '5-D input refused')
end

function tests.clearStateAndToString()
   local m = nn.SoftMin()
   m:forward(torch.rand(2, 3))
   H.common(tester, m, 'nn.SoftMin')
   tester:eq(m.mininput:nElement(), 0, 'mininput cleared')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.SoftMin(), torch.randn(2, 5))
end

tester:add(tests)
return tester
