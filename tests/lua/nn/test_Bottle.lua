-- nn.Bottle: apply a module to inputs with extra leading (batch) dimensions.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.defaultsAndFields()
   local m = nn.Bottle(nn.Linear(3, 2))
   tester:eq(m.nInputDim, 2, 'nInputDim defaults to 2')
   tester:eq(m.nOutputDim, 2, 'nOutputDim defaults to nInputDim')
   tester:eq(m.dimDelta, 0, 'dimDelta')
   tester:eq(m.inShape:nElement(), 2, 'inShape holds nInputDim sizes')
   local m2 = nn.Bottle(nn.Sum(2), 3, 2)
   tester:eq(m2.dimDelta, 1, 'dimDelta is nInputDim - nOutputDim')
   tester:eq(m2.outShape:nElement(), 2, 'outShape holds nOutputDim sizes')
end

function tests.matchesViewLinearView()
   torch.manualSeed(31)
   local linear = nn.Linear(4, 5)
   local m = nn.Bottle(linear)
   local ref = nn.Sequential():add(nn.View(6, 4)):add(linear:clone()):add(nn.View(2, 3, 5))
   local input = torch.randn(2, 3, 4)
   local y = m:forward(input)
   tester:eq(H.sizes(y), '2x3x5', 'leading dimensions restored')
   tester:eq(H.maxDiff(y, ref:forward(input)), 0, 'output')
   local g = torch.randn(2, 3, 5)
   m:zeroGradParameters()
   ref:zeroGradParameters()
   tester:eq(H.maxDiff(m:backward(input, g), ref:backward(input, g)), 0, 'gradInput')
   tester:assert(H.maxDiff(linear.gradWeight, ref:get(2).gradWeight) < 1e-12, 'gradWeight')
   tester:eq(H.sizes(m.inShape), '2', 'inShape')
   tester:eq(m.inShape[1], 6, 'merged batch in inShape')
   tester:eq(m.outShape[2], 5, 'outShape')
end

function tests.fewerOutputDimensions()
   torch.manualSeed(32)
   local inner = nn.Sequential():add(nn.Squeeze(2)):add(nn.Linear(3, 3))
   local m = nn.Bottle(inner, 3, 2)
   local ref = nn.Sequential():add(nn.View(4 * 5 * 6, 1, 3)):add(inner)
      :add(nn.View(4, 5, 6, 3))
   local input = torch.randn(4, 5, 6, 1, 3)
   local y = m:forward(input):clone()
   tester:eq(H.sizes(y), '4x5x6x3', 'output sizes')
   local g = torch.randn(4, 5, 6, 3)
   local gi = m:backward(input, g):clone()
   tester:eq(H.maxDiff(y, ref:forward(input)), 0, 'output')
   tester:eq(H.maxDiff(gi, ref:backward(input, g)), 0, 'gradInput')
   tester:eq(H.sizes(gi), H.sizes(input), 'gradInput sizes')
end

function tests.noExtraDimensionsCallsModuleDirectly()
   torch.manualSeed(33)
   local linear = nn.Linear(4, 2)
   local m, input = nn.Bottle(linear), torch.randn(3, 4)
   tester:eq(H.maxDiff(m:forward(input), linear:forward(input)), 0, 'output')
   local g = torch.randn(3, 2)
   tester:eq(H.maxDiff(m:updateGradInput(input, g), linear:updateGradInput(input, g)), 0,
      'gradInput')
end

function tests.jacobian()
   torch.manualSeed(34)
   local linear = nn.Linear(3, 2)
   local m = nn.Bottle(linear)
   local inputs = { torch.Tensor(2, 2, 3), torch.Tensor(2, 3), torch.Tensor(2, 1, 2, 3) }
   for _, input in ipairs(inputs) do
      local err = nn.Jacobian.testJacobian(m, input)
      tester:assert(err < H.PRECISION, 'input Jacobian ' .. err)
      for p, gp in pairs({ weight = 'gradWeight', bias = 'gradBias' }) do
         err = nn.Jacobian.testJacobianParameters(m, input, linear[p], linear[gp])
         tester:assert(err < H.PRECISION, p .. ' Jacobian ' .. err)
         err = nn.Jacobian.testJacobianUpdateParameters(m, input, linear[p])
         tester:assert(err < H.PRECISION, p .. ' update Jacobian ' .. err)
      end
   end
end

function tests.parametersAreTheModules()
   local linear = nn.Linear(3, 2)
   local w = nn.Bottle(linear):parameters()
   tester:eq(#w, 2, 'weight and bias')
   tester:assert(w[1] == linear.weight and w[2] == linear.bias, 'the inner tensors')
end

function tests.errors()
   local ok, err = pcall(function() nn.Bottle(nn.Linear(3, 2)):forward(torch.randn(3)) end)
   tester:assert(not ok and err:find('nn.Bottle: input must be a tensor of at least 2', 1, true),
      'too few dimensions')
   ok, err = pcall(function() nn.Bottle(nn.Linear(3, 2), 2, 3):forward(torch.randn(2, 2, 3)) end)
   tester:assert(not ok and err:find('nn.Bottle: the module gave 2 output dimensions, expected 3',
      1, true), 'wrong output dimensions')
   ok, err = pcall(function() nn.Bottle(nn.Linear(3, 2)):forward(torch.randn(2, 2, 4)) end)
   tester:assert(not ok and err:find('In 1 module of nn.Bottle', 1, true)
      and err:find('nn.Linear', 1, true), 'child errors name the child')
   ok, err = pcall(function() nn.Bottle(3) end)
   tester:assert(not ok and err:find('nn.Bottle: expecting a module', 1, true), 'no module')
end

function tests.typeConvertsChild()
   local m = nn.Bottle(nn.Linear(3, 2)):float()
   tester:eq(torch.type(m:get(1).weight), 'torch.FloatTensor', 'child converted')
   tester:eq(torch.type(m:forward(torch.FloatTensor(2, 2, 3):zero())), 'torch.FloatTensor',
      'output type')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Bottle(nn.Linear(3, 2)), 'nn.Bottle @ nn.Linear(3 -> 2)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(35)
   H.roundTrip(tester, nn.Bottle(nn.Linear(3, 2)), torch.randn(2, 4, 3))
   H.roundTrip(tester, nn.Bottle(nn.Sum(2), 3, 2), torch.randn(2, 3, 4, 5))
end

tester:add(tests)
return tester
