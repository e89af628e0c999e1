-- nn.gModule save/load: round trips, the saved field layout, and real Torch7 files.
-- luacheck: globals graph nngraph
require 'nngraph'
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. '../nn/nn_helpers.lua')
local models = dir .. '../../../compat/torch7/models/'
local tester = torch.Tester()
local tests = {}

local function twoInputs()
   local a, b = nn.Identity()(), nn.Identity()()
   local j = nn.JoinTable(2)({ nn.ReLU()(nn.Linear(3, 5)(a)), nn.Sigmoid()(nn.Linear(2, 5)(b)) })
   return nn.gModule({ a, b }, { nn.Linear(10, 2)(j) })
end

local function twoOutputs()
   local x = nn.Identity()()
   local h1 = nn.Tanh()(nn.Linear(4, 6)(x))
   local out = nn.LogSoftMax()(nn.Linear(6, 3)(nn.CAddTable()({ h1, nn.Linear(4, 6)(x) })))
   return nn.gModule({ x }, { out, h1 })
end

local function reload(obj)
   return torch.deserialize(torch.serialize(obj))
end

function tests.roundTripSingleOutput()
   torch.manualSeed(31)
   local x = nn.Identity()()
   local g = nn.gModule({ x }, { nn.Tanh()(nn.Linear(4, 3)(x)) })
   H.roundTrip(tester, g, torch.rand(2, 4))
end

function tests.roundTripTables()
   torch.manualSeed(32)
   H.roundTrip(tester, twoInputs(), { torch.rand(4, 3), torch.rand(4, 2) })
   H.roundTrip(tester, twoOutputs(), torch.rand(3, 4))
end

function tests.loadedGraphKeepsItsStructure()
   torch.manualSeed(33)
   local g = reload(twoOutputs())
   tester:eq(torch.type(g), 'nn.gModule', 'class')
   tester:eq(#g.forwardnodes, 9, 'forward nodes')
   tester:eq(#g.modules, 7, 'modules')
   tester:assert(g.fg.nodes[g.forwardnodes[1]] ~= nil, 'forward nodes shared with fg')
   tester:assert(rawequal(g.forwardnodes[1], g.innode), 'innode shared')
   tester:assert(rawequal(g.backwardnodes[1], g.outnode), 'outnode shared')
   tester:assert(rawequal(g.forwardnodes[2].data.module, g.modules[1]), 'modules shared')
   tester:assert(rawequal(g.output, g.outnode.data.input), 'output list shared')
   local x = torch.rand(3, 4)
   local out = g:forward(x)
   tester:eq(#out, 2, 'runs')
end

function tests.modulesRebuiltForOldFiles()
   torch.manualSeed(34)
   local g = twoInputs()
   local kinds = {}
   for i, m in ipairs(g.modules) do kinds[i] = torch.type(m) end
   g.modules = nil
   local copy = reload(g)
   tester:eq(#copy.modules, 8, 'modules rebuilt from the forward nodes')
   for i, kind in ipairs(kinds) do
      tester:eq(torch.type(copy.modules[i]), kind, 'in forward order')
   end
end

function tests.torch7FilesLoadRunAndSaveAgain()
   for _, name in ipairs({ 'nngraph_two_outputs', 'nngraph_two_inputs' }) do
      local path = models .. name .. '.t7'
      local m = torch.load(path)
      local io = torch.load(models .. name .. '.io.t7')
      local out = m:forward(io.input)
      local copy = reload(m)
      local again = copy:forward(io.input)
      if torch.isTensor(out) then
         tester:eq(H.maxDiff(out, again), 0, name .. ': same output after saving again')
      else
         for i = 1, #out do
            tester:eq(H.maxDiff(out[i], again[i]), 0, name .. ': same outputs after saving again')
         end
      end
      copy:zeroGradParameters()
      copy:backward(io.input, io.gradOutput)
      tester:assert(rawequal(copy:clearState(), copy), name .. ': clearState')
      copy:float()
      local input = io.input
      if torch.isTensor(input) then input = input:float() else
         input = { input[1]:float(), input[2]:float() }
      end
      local f = copy:forward(input)
      tester:eq(torch.type(torch.isTensor(f) and f or f[1]), 'torch.FloatTensor', name .. ': float')
   end
end

function tests.loadedGraphAsANode()
   local saved = torch.load(models .. 'nngraph_two_inputs.t7')
   local a, b = nn.Identity()(), nn.Identity()()
   local g = nn.gModule({ a, b }, { nn.Tanh()(saved({ a, b })) })
   local input = { torch.randn(4, 3), torch.randn(4, 2) }
   local ref = saved:forward(input):clone():tanh()
   tester:assert(H.maxDiff(g:forward(input), ref) < 1e-15, 'a loaded gModule inside a new graph')
   H.tableJacobian(tester, g, input)
end

tester:add(tests)
return tester
