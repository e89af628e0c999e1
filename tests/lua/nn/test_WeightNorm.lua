-- nn.WeightNorm: weight = g * v / ||v|| per output, gradients of v and g, outputDim,
-- accumulation, saving without the weight, printing.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}
local J = nn.Jacobian

-- Input, v, g and bias Jacobians of a wrapped module.
local function jacobians(model, input, what)
   tester:assert(J.testJacobian(model, input) < H.PRECISION, what .. ': input')
   local checks = { v = 'gradV', g = 'gradG', bias = 'gradBias' }
   for p, gp in pairs(checks) do
      if model[p] then
         local err = J.testJacobianParameters(model, input, model[p], model[gp])
         tester:assert(err < H.PRECISION, what .. ': ' .. p .. ' error ' .. err)
      end
   end
end

function tests.jacobianLinearConvAndNoBias()
   torch.manualSeed(41)
   jacobians(nn.WeightNorm(nn.Linear(4, 3)), torch.Tensor(2, 4), 'Linear')
   jacobians(nn.WeightNorm(nn.TemporalConvolution(3, 4, 2, 1)), torch.Tensor(4, 3),
      'TemporalConvolution')
   jacobians(nn.WeightNorm(nn.Euclidean(3, 4)), torch.Tensor(2, 3), 'Euclidean')
   jacobians(nn.WeightNorm(nn.SpatialConvolution(2, 3, 2, 2), 2), torch.Tensor(2, 4, 4),
      'SpatialConvolution, outputDim 2')
end

function tests.weightIsLengthTimesDirection()
   torch.manualSeed(42)
   local m = nn.WeightNorm(nn.Linear(5, 3))
   tester:eq(H.sizes(m.v), '3x5', 'one row of v per output')
   tester:eq(m.g:nElement(), 3, 'one g per output')
   tester:eq(m.bias:sum(), 0, 'bias zeroed')
   m.g:copy(torch.Tensor({ 1, 2, 3 }))
   m:forward(torch.rand(2, 5))
   local norms = torch.norm(m.modules[1].weight, 2, 2):view(3)
   tester:assert(H.maxDiff(norms, torch.Tensor({ 1, 2, 3 })) < 1e-4, 'row norms are g')
   local dir1 = torch.div(m.v[2], m.v[2]:norm())
   tester:assert(H.maxDiff(torch.div(m.weight[2], 2), dir1) < 1e-4, 'rows follow v')
   tester:assert(m.weight == m.modules[1].weight, 'weight shared with the module')
end

function tests.outputDimMovesTheOutputsFirst()
   torch.manualSeed(43)
   local m = nn.WeightNorm(nn.SpatialConvolution(2, 3, 2, 2), 2)
   tester:eq(m.otherDims, 3 * 2 * 2, 'other dimensions flattened')
   tester:eq(H.sizes(m.v), '2x12', 'v rows along dimension 2')
   m:forward(torch.rand(2, 4, 4))
   local w = m.weight:transpose(1, 2):contiguous():view(2, 12)
   local norms = torch.norm(w, 2, 2):view(2)
   tester:assert(H.maxDiff(norms, m.g:view(2)) < 1e-4, 'norms over dimension 2 are g')
end

function tests.gradientsAccumulateAndStep()
   torch.manualSeed(44)
   local m = nn.WeightNorm(nn.Linear(4, 2))
   local x1, x2, g1, g2 = torch.rand(3, 4), torch.rand(3, 4), torch.rand(3, 2), torch.rand(3, 2)
   local function grads(x, go, scale)
      m:forward(x)
      m:backward(x, go, scale)
   end
   m:zeroGradParameters()
   grads(x1, g1)
   local gv1, gg1 = m.gradV:clone(), m.gradG:clone()
   m:zeroGradParameters()
   grads(x2, g2, 0.5)
   local gv2, gg2 = m.gradV:clone(), m.gradG:clone()
   m:zeroGradParameters()
   grads(x1, g1)
   grads(x2, g2, 0.5)
   tester:assert(H.maxDiff(m.gradV, gv1 + gv2) < 1e-12, 'gradV accumulates with scale')
   tester:assert(H.maxDiff(m.gradG, gg1 + gg2) < 1e-12, 'gradG accumulates with scale')
   local v, g = m.v:clone(), m.g:clone()
   m:updateParameters(0.1)
   tester:assert(H.maxDiff(m.v, v - m.gradV * 0.1) < 1e-12, 'v steps')
   tester:assert(H.maxDiff(m.g:view(2), g:view(2) - m.gradG * 0.1) < 1e-12, 'g steps')
   local params = m:parameters()
   tester:eq(#params, 3, 'v, g and bias')
   tester:eq(#nn.WeightNorm(nn.Euclidean(2, 2)):parameters(), 2, 'v and g without bias')
end

function tests.evaluateKeepsTheWeight()
   torch.manualSeed(45)
   local m = nn.WeightNorm(nn.Linear(3, 2))
   local x = torch.rand(4, 3)
   local y = m:forward(x):clone()
   m:evaluate()
   m.v:zero()  -- not used again until training
   tester:eq(H.maxDiff(m:forward(x), y), 0, 'evaluation reuses the last weight')
end

function tests.floatAndFlatParameters()
   torch.manualSeed(47)
   local m = nn.WeightNorm(nn.Linear(3, 2))
   local x = torch.rand(4, 3)
   local y = m:forward(x):clone()
   m:float()
   tester:assert(m.weight == m.modules[1].weight, 'weight still shared after :float()')
   tester:assert(H.maxDiff(m:forward(x:float()):double(), y) < 1e-5, 'float forward')
   m:double()
   local w, gw = m:getParameters()
   tester:eq(w:nElement(), 2 * 3 + 2 + 2, 'v, g and bias flattened')
   m:zeroGradParameters()
   m:forward(x)
   m:backward(x, torch.rand(4, 2))
   tester:assert(gw:norm() > 0, 'gradients land in the flat buffer')
   w:add(-0.1, gw)
   tester:assert(H.maxDiff(m:forward(x), y) > 0, 'a step on the flat buffer moves the output')
end

function tests.errorsNameTheModule()
   local ok, err = pcall(function() nn.WeightNorm(nn.Tanh()) end)
   tester:assert(not ok and tostring(err):find('nn.WeightNorm', 1, true), tostring(err))
   ok, err = pcall(function() nn.WeightNorm(nn.Linear(2, 2), 3) end)
   tester:assert(not ok and tostring(err):find('outputDim', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.WeightNorm(nn.Linear(3, 2))
   m:forward(torch.rand(3))
   H.common(tester, m, 'nn.WeightNorm @ nn.Linear(3 -> 2)')
end

function tests.saveLoadRebuildsTheWeight()
   torch.manualSeed(46)
   H.roundTrip(tester, nn.WeightNorm(nn.Linear(5, 4)), torch.rand(3, 5))
   H.roundTrip(tester, nn.WeightNorm(nn.SpatialConvolution(2, 3, 2, 2), 2), torch.rand(2, 4, 4))
   local m = nn.WeightNorm(nn.Linear(3, 2))
   local x = torch.rand(2, 3)
   local y = m:forward(x):clone()
   local copy = torch.deserialize(torch.serialize(m))
   tester:assert(m.weight ~= nil and m.modules[1].gradWeight ~= nil, 'original keeps its weight')
   tester:eq(H.maxDiff(copy:forward(x), y), 0, 'copy rebuilds the same weight')
   tester:assert(copy.weight == copy.modules[1].weight, 'rebuilt weight shared')
end

tester:add(tests)
return tester
