-- nngraph.Node: calling modules on nodes, the operators, annotate, split, nest, labels.
-- luacheck: globals graph nngraph
require 'nngraph'
local tester = torch.Tester()
local tests = {}

local function errorOf(f)
   local ok, err = pcall(f)
   return not ok and tostring(err) or nil
end

function tests.callWithoutInputMakesAGraphInput()
   local m = nn.Identity()
   local x = m()
   tester:eq(torch.type(x), 'nngraph.Node', 'a node')
   tester:assert(rawequal(x.data.module, m), 'holding the module')
   tester:eq(#x.children, 0, 'no inputs')
   tester:eq(#x.data.mapindex, 0, 'empty mapindex')
   tester:assert(type(x.data.reverseMap) == 'table' and next(x.data.reverseMap) == nil,
      'empty reverseMap')
   tester:assert(x.data.annotations._debugLabel:find('test_node.lua', 1, true) ~= nil,
      'the debug label names the declaring file: ' .. x.data.annotations._debugLabel)
   tester:eq(x.id, 0, 'id 0 outside a graph')
end

function tests.callOnNodesRecordsInputsInOrder()
   local a, b = nn.Identity()(), nn.Identity()()
   local s = nn.CAddTable()({ b, a })
   tester:eq(#s.children, 2, 'two inputs')
   tester:assert(rawequal(s.children[1], b) and rawequal(s.children[2], a), 'in argument order')
   tester:assert(s.data.mapindex[1] == b.data and s.data.mapindex[2] == a.data, 'mapindex list')
   tester:eq(s.data.mapindex[a.data], 2, 'mapindex maps data to positions')
   tester:assert(a.data.reverseMap[s] and b.data.reverseMap[s], 'inputs know their consumer')
   local l = nn.Linear(4, 6)(a)
   tester:assert(rawequal(l.children[1], a), 'a single node input')
end

function tests.badCallsAreRefused()
   local a = nn.Identity()()
   local err = errorOf(function() return nn.Linear(2, 2)(a, a) end)
   tester:assert(err and err:find('Use {input1, input2}', 1, true) ~= nil, tostring(err))
   err = errorOf(function() return nn.Linear(2, 2)({}) end)
   tester:assert(err and err:find('empty table', 1, true) ~= nil, tostring(err))
   err = errorOf(function() return nn.Linear(2, 2)(nn.Tanh()) end)
   tester:assert(err and err:find('Did you forget a second set of parens', 1, true) ~= nil,
      tostring(err))
   err = errorOf(function() return nn.CAddTable()({ a, 3 }) end)
   tester:assert(err and err:find('inputs[2] should be an nngraph.Node but is of type number',
      1, true) ~= nil, tostring(err))
   err = errorOf(function() return nn.CAddTable()({ a, nil, a }) end)
   tester:assert(err and err:find('inputs[2] is nil', 1, true) ~= nil, tostring(err))
   err = errorOf(function() return nn.CAddTable()({ a, a }) end)
   tester:assert(err and err:find("Don't pass the same input twice", 1, true) ~= nil,
      tostring(err))
end

function tests.minusOperatorsChainModules()
   local x = -nn.Identity()
   tester:eq(torch.type(x), 'nngraph.Node', 'unary minus gives a node without input')
   tester:eq(#x.children, 0, 'no input')
   local y = x - nn.Linear(4, 6) - nn.Tanh()
   tester:eq(torch.type(y.data.module), 'nn.Tanh', 'the last module')
   tester:eq(torch.type(y.children[1].data.module), 'nn.Linear', 'fed by the Linear')
   tester:assert(rawequal(y.children[1].children[1], x), 'fed by x')
   local g = nn.gModule({ x }, { y })
   local input = torch.randn(2, 4)
   local lin = y.children[1].data.module
   local expected = torch.tanh(input * lin.weight:t() + lin.bias:view(1, 6):expand(2, 6))
   tester:assert((g:forward(input) - expected):abs():max() < 1e-12, 'computes tanh(Wx + b)')
end

function tests.annotateMergesAndReturnsTheNode()
   local x = nn.Identity()()
   local r = x:annotate({ name = 'input', description = 'the data' })
   tester:assert(rawequal(r, x), 'returns self')
   tester:eq(x.data.annotations.name, 'input', 'name kept')
   x:annotate({ graphAttributes = { color = 'red' } })
   tester:eq(x.data.annotations.description, 'the data', 'merged, not replaced')
   tester:eq(x:graphNodeName(), 'input (0)', 'name and id')
   tester:eq(nn.Identity()():graphNodeName(), 'Node0', 'default name')
   local attrs = x:graphNodeAttributes()
   tester:eq(attrs.color, 'red', 'attributes kept')
   tester:eq(attrs.tooltip, x.data.annotations._debugLabel, 'tooltip defaults to the label')
   tester:assert(x:label():find('desc = the data', 1, true) == 1, x:label())
end

function tests.splitMakesSelectNodes()
   local x = nn.Identity()()
   x.data.annotations._debugLabel = 'node'
   local a, b, c = x:split(3)
   tester:eq(a.data.selectindex, 1, 'first')
   tester:eq(c.data.selectindex, 3, 'third')
   tester:eq(a.data.annotations._debugLabel, 'node-1', 'labels number the parts')
   tester:eq(b.data.annotations._debugLabel, 'node-2', 'labels number the parts')
   local splitter = a.children[1]
   tester:eq(splitter.data.nSplitOutputs, 3, 'the splitting node')
   tester:assert(rawequal(splitter.children[1], x), 'splits x')
   tester:assert(splitter.data.annotations._debugLabel:find('^node split at %[') ~= nil,
      splitter.data.annotations._debugLabel)
   local one = x:split(1)
   tester:eq(torch.type(one.data.module), 'nngraph.JustElement', 'split(1) unwraps')
end

function tests.splitNodesRouteTableParts()
   local x = nn.Identity()()
   local a, b = x:split(2)
   local g = nn.gModule({ x }, { nn.CAddTable()({ b, a }) })
   local p, q = torch.randn(3), torch.randn(3)
   tester:assert((g:forward({ p, q }) - (p + q)):abs():max() < 1e-15, 'sum of the parts')
   local go = torch.randn(3)
   local gi = g:backward({ p, q }, go)
   tester:eq(#gi, 2, 'a table gradient')
   tester:assert((gi[1] - go):abs():max() == 0 and (gi[2] - go):abs():max() == 0, 'both parts')
end

function tests.justElementAndJustTable()
   local e, t = nngraph.JustElement(), nngraph.JustTable()
   local v = torch.randn(2)
   tester:assert(rawequal(e:forward({ v }), v), 'JustElement unwraps')
   tester:assert(rawequal(e:backward({ v }, v)[1], v), 'and wraps the gradient')
   tester:assert(rawequal(t:forward(v)[1], v), 'JustTable wraps')
   tester:assert(rawequal(t:backward(v, { v }), v), 'and unwraps the gradient')
   tester:assert(errorOf(function() e:forward({ v, v }) end) ~= nil, 'one element only')
end

function tests.nestBuildsNestedOutputs()
   local a, b, c = nn.Identity()(), nn.Identity()(), nn.Identity()()
   tester:assert(rawequal(nngraph.nest(a), a), 'a node stays')
   local n = nngraph.nest({ a, { b }, c })
   local g = nn.gModule({ a, b, c }, { n })
   local x, y, z = torch.randn(2), torch.randn(2), torch.randn(2)
   local out = g:forward({ x, y, z })
   tester:assert(rawequal(out[1], x) and rawequal(out[2][1], y) and rawequal(out[3], z),
      'the nesting of the argument')
   tester:assert(errorOf(function() nngraph.nest({}) end) ~= nil, 'empty table refused')
   tester:assert(errorOf(function() nngraph.nest() end) ~= nil, 'missing input refused')
end

function tests.criterionCallMakesALossNode()
   local pred, target = nn.Identity()(), nn.Identity()()
   local loss = nn.MSECriterion()({ pred, target })
   tester:eq(torch.type(loss.data.module), 'nn.ModuleFromCriterion', 'wrapped criterion')
   local g = nn.gModule({ pred, target }, { loss })
   local p, t = torch.randn(3, 2), torch.randn(3, 2)
   local out = g:forward({ p, t })
   local ref = nn.MSECriterion()
   tester:assert(math.abs(out[1] - ref:forward(p, t)) < 1e-14, 'the loss')
   local gi = g:backward({ p, t }, torch.Tensor({ 2 }))
   tester:assert((gi[1] - ref:backward(p, t) * 2):abs():max() < 1e-14, 'scaled gradient')
   tester:eq(gi[2]:abs():max(), 0, 'no gradient for the target')
end

function tests.labelListsDataFields()
   local x = nn.Identity()()
   local y = nn.Linear(2, 3)(x)
   local label = y:label()
   tester:assert(label:find('module = nn.Linear(2 -> 3)', 1, true) ~= nil, label)
   x.data.input = { torch.Tensor(2, 3) }
   tester:assert(x:label():find('input = {Tensor[2x3]}', 1, true) ~= nil, x:label())
end

tester:add(tests)
return tester
