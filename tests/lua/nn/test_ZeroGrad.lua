-- nn.ZeroGrad: identity forward, zero gradient.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.forwardSharesInput()
   torch.manualSeed(19)
   local m, input = nn.ZeroGrad(), torch.randn(3, 4)
   local y = m:forward(input)
   tester:eq(H.maxDiff(y, input), 0, 'same values')
   tester:assert(y:isSetTo(input), 'output is set to the input')
end

function tests.gradientIsZero()
   torch.manualSeed(20)
   local m, input = nn.ZeroGrad(), torch.randn(3, 4)
   m:forward(input)
   local gi = m:backward(input, torch.randn(3, 4))
   tester:eq(table.concat(gi:size():totable(), 'x'), '3x4', 'input sizes')
   tester:eq(H.maxDiff(gi, torch.zeros(3, 4)), 0, 'zero')
end

function tests.tableInput()
   torch.manualSeed(21)
   local m = nn.ZeroGrad()
   local input = { torch.randn(2), { torch.randn(3, 2) } }
   tester:assert(m:forward(input) == input, 'table passed through')
   local gi = m:backward(input, { torch.randn(2), { torch.randn(3, 2) } })
   tester:eq(H.maxDiff(gi[1], torch.zeros(2)), 0, 'first gradient zero')
   tester:eq(H.maxDiff(gi[2][1], torch.zeros(3, 2)), 0, 'nested gradient zero')
   local y = m:forward(torch.randn(5))
   tester:assert(torch.isTensor(y), 'a tensor input after a table gives a tensor')
   tester:assert(torch.isTensor(m:backward(torch.randn(5), y)), 'tensor gradient again')
end

function tests.jacobians()
   torch.manualSeed(22)
   local m, input = nn.ZeroGrad(), torch.randn(3, 2)
   local forward = nn.Jacobian.forward(m, input)
   tester:assert(H.maxDiff(forward, torch.eye(6)) < H.PRECISION, 'forward is the identity')
   local backward = nn.Jacobian.backward(m, input)
   tester:eq(H.maxDiff(backward, torch.zeros(6, 6)), 0, 'declared gradient is zero')
end

function tests.stopsGradientInContainer()
   torch.manualSeed(23)
   local net = nn.Sequential():add(nn.Linear(3, 2)):add(nn.ZeroGrad()):add(nn.Tanh())
   local input = torch.randn(4, 3)
   net:zeroGradParameters()
   net:forward(input)
   local gi = net:backward(input, torch.randn(4, 2))
   tester:eq(H.maxDiff(gi, torch.zeros(4, 3)), 0, 'no gradient reaches the input')
   tester:eq(net:get(1).gradWeight:abs():sum(), 0, 'nor the parameters below')
end

function tests.clearStateAndToString()
   local m = nn.ZeroGrad()
   m:forward({ torch.randn(2) })
   H.common(tester, m, 'nn.ZeroGrad')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ZeroGrad(), torch.rand(3, 2))
   H.roundTrip(tester, nn.ZeroGrad(), { torch.rand(3), torch.rand(2) })
end

tester:add(tests)
return tester
