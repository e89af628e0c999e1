-- nn.gModule: graphs that are refused at construction, bad arguments at run time, error
-- luacheck: globals graph nngraph
-- messages naming the failing node, and the debugging helpers.
require 'nngraph'
local tester = torch.Tester()
local tests = {}

local function errorOf(f, ...)
   local ok, err = pcall(f, ...)
   return not ok and tostring(err) or nil
end

local function refused(what, pattern, f, ...)
   local err = errorOf(f, ...)
   tester:assert(err ~= nil, what .. ' should be refused')
   if err and pattern then
      tester:assert(err:find(pattern, 1, true) ~= nil, what .. ': ' .. err)
   end
end

function tests.unusedInputIsDetected()
   local x, h = nn.Identity()(), nn.Identity()()
   refused('an unused input', '1 of split(2) outputs', nn.gModule, { x, h }, { x })
end

function tests.unusedSplitOutputIsDetected()
   local prev = nn.Identity()()
   local h = prev:split(2)
   refused('an unused split output', 'outputs from the node declared at', nn.gModule,
      { prev }, { h })
end

function tests.danglingNodeIsDetected()
   local x = nn.Identity()()
   local middle = nn.Sigmoid()(x) -- luacheck: no unused
   refused('a node that does not reach an output', 'does not connect to gmodule output',
      nn.gModule, { x }, { nn.Tanh()(x) })
   local in1, in2 = nn.Identity()(), nn.Identity()()
   local other = nn.Sigmoid()(in2) -- luacheck: no unused
   refused('an input used only by a dangling node', 'outputs from the node declared at',
      nn.gModule, { in1, in2 }, { nn.Sigmoid()(in1) })
end

function tests.cycleIsRefused()
   local x = nn.Identity()()
   local a = nn.Tanh()(x)
   local b = nn.Tanh()(a)
   a:add(b, true) -- b also feeds a: a -> b -> a
   refused('a cycle', 'does not connect to gmodule output', nn.gModule, { x }, { b })
   local p = nn.Identity()()
   local q = nn.Identity()(p)
   p:add(q, true) -- p <-> q, and nothing else feeds the graph
   refused('a graph without start', nil, nn.gModule, { p }, { q })
end

function tests.inputsMustBeGraphInputs()
   local x, y = nn.Identity()(), nn.Identity()()
   local h = nn.Linear(2, 2)(x)
   refused('an input with inputs', 'an input should have no inputs', nn.gModule,
      { h, y }, { nn.CAddTable()({ h, y }) })
   refused('a node without input left out of the inputs', 'is not among the inputs',
      nn.gModule, { h }, { nn.CAddTable()({ h, nn.Identity()() }) })
   refused('no inputs', 'no inputs are not supported', nn.gModule, {}, { x })
end

function tests.argumentsMustBeNodes()
   local x = nn.Identity()()
   refused('a module as output', 'outputs[1] is an nn.Module', nn.gModule, { x }, { nn.Tanh() })
   refused('a nil output', 'outputs[2] is nil', nn.gModule, { x }, { x, nil, x })
   refused('a number as input', 'inputs[1] should be an nngraph.Node', nn.gModule, { 1 }, { x })
   refused('a node instead of a list', 'expecting a table of nodes as outputs', nn.gModule, { x },
      'x')
end

function tests.splitSizeMustMatch()
   local in1 = nn.Identity()()
   local o1, o2 = nn.SplitTable(2)(in1):split(2)
   local g = nn.gModule({ in1 }, { o1, o2 })
   refused('too many parts', 'split(2) cannot split 3 outputs', g.forward, g, torch.randn(4, 3))
   in1 = nn.Identity()()
   local p1, p2, p3 = nn.SplitTable(2)(in1):split(3)
   g = nn.gModule({ in1 }, { p1, p2, p3 })
   refused('too few parts', 'split(3) cannot split 2 outputs', g.forward, g, torch.randn(4, 2))
end

function tests.inputAndGradOutputCounts()
   local a, b = nn.Identity()(), nn.Identity()()
   local g = nn.gModule({ a, b }, { a, b })
   refused('one tensor for two inputs', 'expecting table of 2 inputs', g.forward, g,
      torch.randn(2))
   refused('three inputs for two', 'Got 3 inputs instead of 2', g.forward, g,
      { torch.randn(2), torch.randn(2), torch.randn(2) })
   local input = { torch.randn(2), torch.randn(2) }
   g:forward(input)
   refused('one gradOutput for two outputs', 'Got 1 gradOutputs instead of 2', g.backward, g,
      input, { torch.randn(2) })
end

function tests.errorsNameTheFailingNode()
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.Linear(3, 2)(x) })
   local err = errorOf(g.forward, g, torch.randn(2, 5))
   tester:assert(err and err:find('In nn.Linear node [', 1, true) ~= nil, tostring(err))
   tester:assert(err and err:find('test_gmodule_checks.lua', 1, true) ~= nil, tostring(err))
end

function tests.nilInputWhenDistinguishable()
   -- `m(nil)` can only be told from `m()` when the class system passes arguments as given
   local probe = setmetatable({ __call__ = function(_, ...) return select('#', ...) end },
      torch.getmetatable('nn.Module'))
   if probe() == 0 then
      refused('a nil input', 'inputs[1] is nil', function() return nn.Sigmoid()(nil) end)
   else
      tester:eq(#nn.Sigmoid()(nil).children, 0, 'read as no input')
   end
end

function tests.setDebugSavesTheFailingGraph()
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.Tanh()(nn.Linear(3, 2)(x)) })
   local dirName = os.tmpname()
   os.remove(dirName)
   g.name = dirName
   nngraph.setDebug(true)
   local err = errorOf(g.forward, g, torch.randn(2, 5))
   nngraph.setDebug(false)
   tester:assert(err ~= nil, 'the error is raised again')
   local f = io.open(dirName .. '.dot')
   tester:assert(f ~= nil, 'the graph is saved')
   if f then
      local text = f:read('*a')
      f:close()
      tester:assert(text:find('fillcolor=red', 1, true) ~= nil, 'the failing node is red')
   end
   os.remove(dirName .. '.dot')
   os.remove(dirName .. '.svg')
   tester:assert(rawequal(nn.gModule.updateGradInput,
      torch.getmetatable('nn.gModule').updateGradInput), 'methods restored')
end

function tests.annotateNodesUsesVariableNames()
   local input = nn.Identity()()
   local hidden = nn.Linear(2, 2)(input):annotate({ name = 'kept' })
   nngraph.annotateNodes()
   tester:eq(input.data.annotations.name, 'input', 'named after the local')
   tester:eq(hidden.data.annotations.name, 'kept', 'explicit name kept')
end

function tests.dotOutputOfAGraph()
   local input = nn.Identity()():annotate({ name = 'Input', description = 'DescA',
      graphAttributes = { color = 'red' } })
   local net = nn.gModule({ input }, { nn.Linear(10, 10)(input) })
   local fname = os.tmpname()
   graph.dot(net.fg, 'Test', fname)
   local f = assert(io.open(fname .. '.dot'))
   local text = f:read('*a')
   f:close()
   os.remove(fname .. '.dot')
   os.remove(fname .. '.svg')
   os.remove(fname)
   tester:assert(text:match('%[label=%"Input.*DescA.*%".*color=red.*%]') ~= nil, text)
end

tester:add(tests)
return tester
