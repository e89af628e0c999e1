-- nn.RReLU: random slopes from the torch generator while training, their mean otherwise.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEvaluating()
   torch.manualSeed(40)
   local m = nn.RReLU()
   m:evaluate()
   H.jacobian(tester, m, torch.Tensor(3, 4))
   H.jacobian(tester, m, torch.Tensor(5))
end

function tests.jacobianTrainingWithFixedSlope()
   torch.manualSeed(41)
   H.jacobian(tester, nn.RReLU(0.2, 0.2), torch.Tensor(3, 4))
end

function tests.slopesComeFromTheGenerator()
   local m = nn.RReLU(0.1, 0.6)
   local x = torch.Tensor({ { -1, 2, -3 }, { 0, 5, -0.5 } })
   torch.manualSeed(7)
   local y = m:forward(x)
   torch.manualSeed(7)
   local draws = torch.Tensor(4):uniform(0.1, 0.6)
   local expected = torch.Tensor({ { draws[1], 1, draws[2] }, { draws[3], 1, draws[4] } })
   tester:eq(m.noise, expected, 'one uniform draw per element <= 0, row-major')
   tester:eq(y, torch.cmul(x, expected), 'output = input * noise')
   local go = torch.Tensor({ { 1, 2, 3 }, { 4, 5, 6 } })
   tester:eq(m:backward(x, go), torch.cmul(go, expected), 'gradient = gradOutput * noise')
   m:forward(x)
   m:evaluate()
   m:forward(x)
   local after = torch.uniform()
   torch.manualSeed(7)
   tester:eq(after, torch.Tensor(9):uniform()[9], 'four numbers per training forward, none after')
end

function tests.evaluating()
   local m = nn.RReLU(0.1, 0.3)
   m:evaluate()
   local x = torch.Tensor({ -2, 4 })
   tester:eq(m:forward(x), torch.Tensor({ -0.4, 4 }), 1e-15, 'slope (lower + upper) / 2')
   tester:eq(m:backward(x, torch.Tensor({ 1, 1 })), torch.Tensor({ 0.2, 1 }), 1e-15, 'gradient')
end

function tests.inPlace()
   local m = nn.RReLU(0.5, 0.5, true)
   local x = torch.Tensor({ -2, 4 })
   local y = m:forward(x)
   tester:assert(y:isSetTo(x), 'output is the input')
   tester:eq(x, torch.Tensor({ -1, 4 }), 'input overwritten')
   local go = torch.Tensor({ 1, 1 })
   tester:assert(m:backward(x, go):isSetTo(go), 'gradInput is gradOutput')
   tester:eq(go, torch.Tensor({ 0.5, 1 }), 'gradOutput scaled in place')
end

function tests.defaultsAndChecks()
   local m = nn.RReLU()
   tester:eq(m.lower, 1 / 8, 'lower')
   tester:eq(m.upper, 1 / 3, 'upper')
   tester:eq(m.inplace, false, 'inplace')
   tester:assertError(function() nn.RReLU(0.5, 0.2) end, 'lower <= upper required')
end

function tests.clearStateAndToString()
   local m = nn.RReLU()
   m:forward(torch.randn(3))
   H.common(tester, m, 'nn.RReLU (l:0.125000, u:0.333333)')
   tester:eq(m.noise:nElement(), 0, 'noise cleared')
end

function tests.saveLoadRoundTrip()
   local m = nn.RReLU(0.1, 0.4)
   m:evaluate()
   H.roundTrip(tester, m, torch.randn(3, 2))
end

tester:add(tests)
return tester
