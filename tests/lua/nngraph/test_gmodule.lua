-- nn.gModule: construction, forward/backward through graphs, gradient checks, containers.
-- luacheck: globals graph nngraph
require 'nngraph'
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. '../nn/nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- x -> Linear -> Tanh -> h1; x -> Linear -> h2; Linear(h1 + h2) -> LogSoftMax; outputs {out, h1}
local function twoOutputs()
   local x = nn.Identity()()
   local h1 = nn.Tanh()(nn.Linear(4, 6)(x))
   local h2 = nn.Linear(4, 6)(x)
   local out = nn.LogSoftMax()(nn.Linear(6, 3)(nn.CAddTable()({ h1, h2 })))
   return nn.gModule({ x }, { out, h1 })
end

-- x feeds three branches that are summed: the gradient of x sums three contributions.
local function fork()
   local x = nn.Identity()()
   local a = nn.Tanh()(nn.Linear(3, 4)(x))
   local b = nn.Sigmoid()(nn.Linear(3, 4)(x))
   local c = nn.Linear(3, 4)(x)
   return nn.gModule({ x }, { nn.CAddTable()({ a, b, c }) })
end

function tests.fieldsAndOrder()
   local g = twoOutputs()
   tester:eq(torch.type(g.fg), 'graph.Graph', 'forward graph')
   tester:eq(torch.type(g.bg), 'graph.Graph', 'backward graph')
   tester:eq(#g.forwardnodes, 9, 'seven modules and two dummy nodes')
   tester:eq(#g.backwardnodes, 9, 'the same nodes backwards')
   tester:assert(rawequal(g.forwardnodes[1], g.innode), 'the innode comes first')
   tester:assert(g.backwardnodes[1] == g.outnode or rawequal(g.backwardnodes[1], g.outnode),
      'the outnode comes first backwards')
   tester:eq(g.nInputs, 1, 'nInputs')
   tester:eq(g.verbose, false, 'verbose')
   tester:eq(#g.modules, 7, 'modules')
   local kinds = {}
   for i, m in ipairs(g.modules) do kinds[i] = torch.type(m) end
   tester:eq(table.concat(kinds, ' '), 'nn.Identity nn.Linear nn.Tanh nn.Linear nn.CAddTable '
      .. 'nn.Linear nn.LogSoftMax', 'modules in forward order')
   tester:eq(#g.outnode.children, 2, 'two outputs')
   tester:assert(rawequal(g.output, g.outnode.data.input), 'output is the outnode input list')
   tester:eq(g.gradInput, nil, 'no gradInput before backward')
   for _, node in ipairs(g.forwardnodes) do
      tester:eq(node.data.forwardNodeId, node.id, 'forwardNodeId')
      tester:assert(g.fg.nodes[node] ~= nil, 'forward nodes are the forward graph nodes')
   end
   for _, node in ipairs(g.backwardnodes) do
      tester:assert(g.bg.nodes[node] ~= nil, 'backward nodes are the backward graph nodes')
   end
end

function tests.oneOutputIsATensor()
   local in1 = nn.Identity()()
   local g = nn.gModule({ in1 }, { nn.Identity()(in1) })
   local out = g:forward(torch.Tensor({ 1 }))
   tester:eq(out[1], 1, 'output')
   tester:eq(g:backward(torch.Tensor({ 1 }), torch.Tensor({ -123 }))[1], -123, 'gradInput')
   g:forward(torch.Tensor({ 2 }))
   tester:eq(g.output[1], 2, 'recomputed output')
   tester:eq(g:backward(torch.Tensor({ 2 }), torch.Tensor({ -2 }))[1], -2, 'recomputed grad')
end

function tests.forkSumsGradients()
   local in1 = nn.Identity()()
   local g = nn.gModule({ in1 }, { nn.Identity()(in1), nn.Identity()(in1) })
   g:forward(torch.Tensor({ 1 }))
   local gi = g:backward(torch.Tensor({ 1 }), { torch.Tensor({ -2 }), torch.Tensor({ -3 }) })
   tester:eq(gi[1], -5, 'gradInput of a fork')
end

function tests.jacobianSharedInput()
   torch.manualSeed(11)
   local g = fork()
   H.jacobian(tester, g, torch.Tensor(2, 3))
   local p, gp = g:getParameters()
   local err = nn.Jacobian.testJacobianParameters(g, torch.Tensor(2, 3), p, gp)
   tester:assert(err < H.PRECISION, 'all parameters: ' .. err)
   err = nn.Jacobian.testJacobianUpdateParameters(g, torch.Tensor(2, 3), p)
   tester:assert(err < H.PRECISION, 'accUpdateGradParameters: ' .. err)
end

function tests.jacobianEachParameter()
   torch.manualSeed(12)
   local g = fork()
   for _, lin in ipairs(g:findModules('nn.Linear')) do
      local err = nn.Jacobian.testJacobianParameters(g, torch.Tensor(3), lin.weight,
         lin.gradWeight)
      tester:assert(err < H.PRECISION, 'weight: ' .. err)
      err = nn.Jacobian.testJacobianParameters(g, torch.Tensor(3), lin.bias, lin.gradBias)
      tester:assert(err < H.PRECISION, 'bias: ' .. err)
   end
end

function tests.jacobianMultipleOutputsAndInputs()
   torch.manualSeed(13)
   H.tableJacobian(tester, twoOutputs(), torch.Tensor(3, 4))
   local a, b = nn.Identity()(), nn.Identity()()
   local j = nn.JoinTable(2)({ nn.ReLU()(nn.Linear(3, 5)(a)), nn.Sigmoid()(nn.Linear(2, 5)(b)) })
   local g = nn.gModule({ a, b }, { nn.Linear(10, 2)(j), b })
   H.tableJacobian(tester, g, { torch.Tensor(4, 3), torch.Tensor(4, 2) })
end

function tests.outputsMayBeInputs()
   torch.manualSeed(14)
   local in1, in2 = nn.Sigmoid()(), nn.Sigmoid()()
   local g = nn.gModule({ in1, in2 }, { in1, in2, nn.Sigmoid()(in1) })
   H.tableJacobian(tester, g, { torch.Tensor(3), torch.Tensor(3) })
end

function tests.nestedTableInputs()
   torch.manualSeed(15)
   local x, state = nn.Identity()(), nn.Identity()()
   local h, c = state:split(2)
   local out = nn.CAddTable()({ nn.CMulTable()({ x, h }), h, c })
   local g = nn.gModule({ x, state }, { out })
   local input = { torch.randn(3), { torch.randn(3), torch.randn(3) } }
   local gi = g:backward(input, g:forward(input):clone())
   tester:eq(#gi, 2, 'two gradInputs')
   tester:eq(type(gi[2]), 'table', 'a table for the table input')
   tester:eq(torch.type(gi[2][1]), 'torch.DoubleTensor', 'tensors inside')
   -- central differences of <output, go> for every input element
   local go = torch.randn(3)
   gi = g:backward(input, go)
   local pairsToCheck = { { input[1], gi[1] }, { input[2][1], gi[2][1] },
      { input[2][2], gi[2][2] } }
   local worst = 0
   for _, pair in ipairs(pairsToCheck) do
      local t, grad = pair[1], pair[2]:clone()
      for k = 1, 3 do
         local orig = t[k]
         t[k] = orig + 1e-6
         local fp = g:forward(input):dot(go)
         t[k] = orig - 1e-6
         local fm = g:forward(input):dot(go)
         t[k] = orig
         worst = math.max(worst, math.abs((fp - fm) / 2e-6 - grad[k]))
      end
   end
   tester:assert(worst < H.PRECISION, 'nested gradient error ' .. worst)
end

function tests.splitTableOutputsSplit()
   torch.manualSeed(20)
   local in1 = nn.Sigmoid()()
   local out1, out2 = nn.SplitTable(1)({ in1 }):split(2)
   local g = nn.gModule({ in1 }, { out1, out2 })
   tester:eq(#g:forward(torch.randn(2, 3)), 2, 'two outputs')
   H.tableJacobian(tester, g, torch.Tensor(2, 3))
end

function tests.usageAfterSplit()
   torch.manualSeed(16)
   local prev = nn.Identity()()
   local h, cell = prev:split(2)
   local g = nn.gModule({ prev }, { h, nn.Identity()(prev), nn.Sigmoid()(cell) })
   local input = { torch.randn(4), torch.randn(4) }
   local out = g:forward(input)
   tester:eq(#out, 3, 'three outputs')
   tester:eq(#out[2], 2, 'the whole input passes through')
   local gi = g:backward(input, { torch.ones(4), { torch.ones(4), torch.ones(4) }, torch.ones(4) })
   tester:eq(gi[1]:sum(), 8, 'h gets both of its gradients')
   local s = out[3]
   tester:assert((gi[2] - (torch.ones(4) + torch.cmul(s, -s + 1))):abs():max() < 1e-14,
      'cell gets both of its gradients')
end

function tests.gradientsOfChangingTableSizes()
   local in1 = nn.Identity()()
   local g = nn.gModule({ in1 }, { nn.Identity()(in1), nn.Identity()(in1) })
   local input = { torch.randn(5), { torch.randn(3), torch.randn(4) } }
   g:forward(input)
   local gi = g:backward(input, g.output)
   tester:assert((gi[1] - input[1] * 2):abs():max() == 0, 'doubled')
   input = { torch.randn(5), { torch.randn(3), torch.randn(4), torch.randn(5) } }
   g:forward(input)
   tester:eq(#g:backward(input, g.output)[2], 3, 'grown')
   input = { torch.randn(5), { torch.randn(3) } }
   g:forward(input)
   tester:eq(#g:backward(input, g.output)[2], 1, 'shrunk')
end

function tests.scalarZeroGradientsSkipTheSum()
   local zero = nn.Module()
   function zero:updateOutput(input) self.output = input:clone(); return self.output end
   function zero:updateGradInput(input) -- a cheap expanded zero
      self.gradInput = torch.Tensor({ 0 }):view(1, 1):expand(input:size(1), input:size(2))
      return self.gradInput
   end
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.CAddTable()({ zero:clone()(x), nn.Identity()(x) }) })
   local input, go = torch.rand(2, 3), torch.rand(2, 3)
   g:forward(input)
   tester:assert((g:backward(input, go) - go):abs():max() == 0, 'one real gradient')
   tester:eq(g.innode.children[1].data.gradOutputBuffer, nil, 'no sum buffer needed')
   x = nn.Identity()()
   g = nn.gModule({ x }, { nn.CAddTable()({ zero:clone()(x), zero:clone()(x) }) })
   g:forward(input)
   tester:eq(g:backward(input, go):abs():max(), 0, 'all zero')
end

function tests.backwardScaleAndAccumulation()
   torch.manualSeed(17)
   local g = fork()
   local x, go = torch.randn(2, 3), torch.randn(2, 4)
   g:zeroGradParameters()
   g:forward(x)
   g:backward(x, go)
   local _, once = g:parameters()
   local ref = {}
   for i, t in ipairs(once) do ref[i] = t:clone() end
   g:backward(x, go, 0.5)
   for i, t in ipairs(once) do
      tester:assert((t - ref[i] * 1.5):abs():max() < 1e-14, 'accumulated with scale')
   end
end

function tests.parametersTrainingAndEvaluate()
   local x = nn.Identity()()
   local d = nn.Dropout(0.5)(nn.Linear(3, 3)(x))
   local g = nn.gModule({ x }, { d })
   local p, gp = g:parameters()
   tester:eq(#p, 2, 'weight and bias')
   tester:eq(#gp, 2, 'their gradients')
   g:evaluate()
   tester:eq(g.train, false, 'evaluate')
   tester:eq(d.data.module.train, false, 'children evaluate')
   g:training()
   tester:eq(d.data.module.train, true, 'children train')
end

function tests.typeConvertsModulesAndKeptValues()
   torch.manualSeed(18)
   local g = twoOutputs()
   local x = torch.randn(3, 4)
   g:forward(x)
   g:backward(x, { torch.randn(3, 3), torch.randn(3, 6) })
   tester:assert(rawequal(g:float(), g), 'returns self')
   tester:eq(g:type(), 'torch.FloatTensor', 'the type')
   tester:eq(torch.type(g.modules[2].weight), 'torch.FloatTensor', 'weights converted')
   for _, node in ipairs(g.forwardnodes) do
      for _, v in ipairs(node.data.input or {}) do
         if torch.isTensor(v) then tester:eq(torch.type(v), 'torch.FloatTensor', 'inputs') end
      end
   end
   local out = g:forward(x:float())
   tester:eq(torch.type(out[1]), 'torch.FloatTensor', 'float output')
   g:double()
   tester:eq(torch.type(g:forward(x)[2]), 'torch.DoubleTensor', 'back to double')
end

function tests.clearStateAndToString()
   local g = twoOutputs()
   local x = torch.randn(3, 4)
   g:forward(x)
   g:backward(x, { torch.randn(3, 3), torch.randn(3, 6) })
   tester:assert(rawequal(g:clearState(), g), 'clearState returns self')
   for _, node in ipairs(g.forwardnodes) do
      tester:eq(node.data.input, nil, 'inputs dropped')
      tester:eq(node.data.gradOutput, nil, 'gradients dropped')
   end
   tester:eq(g.modules[2].output:nElement(), 0, 'module buffers dropped')
   tester:eq(#g:forward(x), 2, 'still runs')
   tester:eq(tostring(g), 'nn.gModule', '__tostring__')
   g.name = 'net'
   tester:eq(tostring(g), 'net', 'named')
end

function tests.verbosePrintsNodes()
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.Tanh()(x) })
   g.verbose = true
   local lines, oldPrint = 0, print
   print = function() lines = lines + 1 end -- luacheck: ignore
   local ok, err = pcall(function() g:forward(torch.randn(2)) end)
   print = oldPrint -- luacheck: ignore
   tester:assert(ok, tostring(err))
   tester:eq(lines, 4, 'one line per node')
end

function tests.nestedGModule()
   torch.manualSeed(19)
   local inner = fork()
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.Tanh()(inner(x)) })
   H.jacobian(tester, g, torch.Tensor(2, 3))
   tester:eq(#g:parameters(), 6, 'parameters of the inner graph')
end

function tests.replaceAndMap()
   local i = nn.Identity()()
   local out = nn.Linear(2, 5)(nn.Sigmoid()(nn.Linear(5, 2)(i)))
   local g = nn.gModule({ i }, { out })
   g:replace(function(m)
      if torch.type(m) == 'nn.Sigmoid' then return nn.Tanh() end
      return m
   end)
   tester:eq(torch.type(g.modules[3]), 'nn.Tanh', 'module list updated')
   tester:eq(torch.type(g.forwardnodes[4].data.module), 'nn.Tanh', 'node updated')
   local copy = g:clone()
   local pairsSeen = 0
   g:map(copy, function(a, b)
      tester:eq(torch.type(a), torch.type(b), 'same structure')
      pairsSeen = pairsSeen + 1
   end)
   tester:eq(pairsSeen, 4, 'every module node')
   local x = torch.randn(3, 5)
   tester:assert((copy:forward(x) - g:forward(x)):abs():max() == 0, 'clone computes the same')
end

tester:add(tests)
return tester
