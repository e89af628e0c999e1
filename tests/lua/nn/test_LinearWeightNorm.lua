-- nn.LinearWeightNorm: nn.Linear with weight = g * v / ||v|| per output row.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local PARAMS = { v = 'gradV', g = 'gradG', bias = 'gradBias' }

function tests.fieldsAndWeight()
   local m = nn.LinearWeightNorm(4, 3)
   tester:eq(m.eps, 1e-16, 'default eps')
   tester:eq(H.sizes(m.v), '3x4', 'v')
   tester:eq(H.sizes(m.g), '3x1', 'g')
   tester:assert(H.maxDiff(m.g, m.v:norm(2, 2)) < 1e-12, 'g starts as the row norms of v')
   m.g:copy(torch.Tensor({ 1, 2, 3 }))
   m:forward(torch.rand(4))
   local want = m.v:clone()
   for i = 1, 3 do want[i]:mul(i / m.v[i]:norm()) end
   tester:assert(H.maxDiff(m.weight, want) < 1e-12, 'weight = g v / ||v||')
   tester:assert(not nn.LinearWeightNorm(4, 3, false).bias, 'no bias')
   tester:eq(nn.LinearWeightNorm(4, 3, true, 1e-3).eps, 1e-3, 'eps argument')
end

function tests.jacobian()
   torch.manualSeed(23)
   H.jacobian(tester, nn.LinearWeightNorm(5, 4), torch.rand(3, 5), PARAMS)
   H.jacobian(tester, nn.LinearWeightNorm(5, 4), torch.rand(5), PARAMS)
   H.jacobian(tester, nn.LinearWeightNorm(3, 2, false), torch.rand(2, 3), PARAMS)
end

function tests.accumulates()
   local m = nn.LinearWeightNorm(3, 2)
   local x, go = torch.rand(4, 3), torch.rand(4, 2)
   m:zeroGradParameters()
   m:forward(x)
   m:backward(x, go)
   local gv, gg, gb = m.gradV:clone(), m.gradG:clone(), m.gradBias:clone()
   m:backward(x, go, 0.5)
   tester:assert(H.maxDiff(m.gradV, gv * 1.5) < 1e-12, 'gradV adds up')
   tester:assert(H.maxDiff(m.gradG, gg * 1.5) < 1e-12, 'gradG adds up')
   tester:assert(H.maxDiff(m.gradBias, gb * 1.5) < 1e-12, 'gradBias adds up')
end

function tests.batchMatchesSingle()
   local m = nn.LinearWeightNorm(3, 2)
   local x = torch.rand(2, 3)
   local y = m:forward(x):clone()
   tester:assert(H.maxDiff(m:forward(x[2]), y[2]) < 1e-12, 'row 2')
end

function tests.conversions()
   local x = torch.rand(6, 5)
   for _, bias in ipairs({ true, false }) do
      local linear = nn.Linear(5, 7, bias)
      local wn = nn.LinearWeightNorm.fromLinear(linear)
      tester:eq(wn.bias ~= nil, bias, 'bias kept')
      tester:assert(H.maxDiff(wn:forward(x), linear:forward(x)) < 1e-12, 'fromLinear')
      local back = wn:toLinear()
      tester:eq(torch.type(back), 'nn.Linear', 'toLinear type')
      tester:assert(H.maxDiff(back:forward(x), linear:forward(x)) < 1e-12, 'toLinear')
   end
end

function tests.parametersAndEvaluate()
   local m = nn.LinearWeightNorm(3, 2)
   local p, g = m:parameters()
   tester:assert(#p == 3 and p[1] == m.v and p[2] == m.g and p[3] == m.bias, 'parameters')
   tester:assert(g[1] == m.gradV and g[2] == m.gradG and g[3] == m.gradBias, 'gradients')
   p = nn.LinearWeightNorm(3, 2, false):parameters()
   tester:eq(#p, 2, 'no bias')
   local x = torch.rand(3)
   m.g:fill(2)
   m:evaluate()
   local y = m:forward(x):clone()
   m.g:fill(5)
   tester:assert(H.maxDiff(m:forward(x), y) == 0, 'weight frozen in evaluation')
   m:training()
   tester:assert(H.maxDiff(m:forward(x), y) > 0, 'recomputed in training')
end

function tests.errors()
   tester:assertErrorPattern(function() nn.LinearWeightNorm(3, 2):forward(torch.rand(2)) end,
      'size mismatch', 'wrong input size')
   tester:assertErrorPattern(function()
      nn.LinearWeightNorm(3, 2):accGradParameters(torch.rand(1, 1, 3), torch.rand(1, 1, 2))
   end, 'LinearWeightNorm', '3D input')
end

function tests.clearStateAndToString()
   H.common(tester, nn.LinearWeightNorm(3, 2), 'nn.LinearWeightNorm(3 -> 2)')
   H.common(tester, nn.LinearWeightNorm(3, 2, false), 'nn.LinearWeightNorm(3 -> 2) without bias')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.LinearWeightNorm(4, 3), torch.rand(2, 4))
end

tester:add(tests)
return tester
