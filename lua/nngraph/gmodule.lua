-- nn.gModule: a module made of a directed acyclic graph of nngraph.Node.
-- luacheck: globals graph nngraph
local utils, nesting, build = ...
local gModule, parent = torch.class('nn.gModule', 'nn.Container')

--[[ The gModule computing `outputs` from `inputs`. The graph is what the nodes were called
on; each node's module runs once per call, in topological order (`forwardnodes`, and
`backwardnodes` for gradients), and a node feeding several others receives the sum of
their gradients. Fields: fg, bg (forward and backward graph.Graph), innode, outnode,
forwardnodes, backwardnodes, modules, nInputs, verbose.
ARGS: inputs (list of nngraph.Node), outputs (list of nngraph.Node) ]]
function gModule:__init(inputs, outputs)
   parent.__init(self)
   build(self, inputs, outputs)
   self.output = nil
   self.gradInput = nil
   if #self.outnode.children > 1 then self.output = self.outnode.data.input end
end

-- Gradient sums of the last updateGradInput, by node data (kept out of the saved fields).
local totals = setmetatable({}, { __mode = 'k' })

-- The argument a node's module receives: its single input, or the list of its inputs.
local function nodeInput(data)
   local x = data.input
   if x == nil then return {} end
   if #x == 1 then return x[1] end
   return x
end

-- Remove the list entries of `field` in every node's data, keeping the tables.
local function clearLists(nodes, field)
   for _, node in ipairs(nodes) do
      local list = node.data[field]
      while list and #list > 0 do list[#list] = nil end
   end
end

-- The node whose module call is under way, for the error handler below (a handler made per
-- call, a closure, would keep LuaJIT from compiling a forward or backward through the
-- graph). runNode restores the outer value before passing an error on.
local currentNode

local function nodeError(err)
   local node = currentNode
   nngraph._failedNode = node
   err = tostring(err)
   if err:sub(1, 4) ~= '\nIn ' then err = debug.traceback(err, 2) else err = err:sub(2) end
   return string.format('\nIn %s node %s of nn.gModule:\n%s', torch.type(node.data.module),
      node.data.annotations and node.data.annotations._debugLabel or '?', err)
end

-- Call `module[name](module, ...)`; an error gets a line naming the node in front.
local function runNode(node, name, ...)
   local module = node.data.module
   local outer = currentNode
   currentNode = node
   local ok, ret = xpcall(module[name], nodeError, module, ...)
   currentNode = outer
   if not ok then error(ret, 0) end
   return ret
end

-- Hand `x` to every consumer of `node`, at the argument position it has there.
local function propagate(node, x)
   for _, child in ipairs(node.children) do
      local cdata = child.data
      cdata.input = cdata.input or {}
      local position = cdata.mapindex[node.data]
      assert(not cdata.input[position], 'nn.gModule: each input should have one source')
      cdata.input[position] = x
   end
end

--[[ Run `func(module, input)` (or the module method named `func`) over the graph in
forward order. RETURN: self.output ]]
function gModule:runForwardFunction(func, input)
   local name = type(func) == 'string' and func or nil
   local nInputs = self.nInputs or (self.innode.children[1].data.nSplitOutputs or 1)
   if nInputs <= 1 then
      input = { input }
   elseif type(input) ~= 'table' then
      error(string.format('nn.gModule: expecting table of %s inputs', nInputs), 2)
   end
   if #input ~= nInputs then
      error(string.format('nn.gModule: Got %s inputs instead of %s', #input, nInputs), 2)
   end
   clearLists(self.forwardnodes, 'input')
   local innode = self.innode
   innode.data.input = innode.data.input or {}
   for i, x in ipairs(input) do innode.data.input[i] = x end
   for _, node in ipairs(self.forwardnodes) do
      local data = node.data
      if data.selectindex then
         assert(not data.module, 'nn.gModule: the selectindex-handling nodes should have no module')
         assert(#data.input == 1, 'nn.gModule: only the splitted node should be the input')
         assert(utils.istable(data.input[1]), 'nn.gModule: the input for a split should be a table')
         propagate(node, data.input[1][data.selectindex])
      else
         local output = nodeInput(data)
         if data.module then
            if name then
               output = runNode(node, name, output)
            else
               output = func(data.module, output)
            end
         end
         if data.nSplitOutputs and data.nSplitOutputs ~= #output then
            error(string.format('nn.gModule: split(%s) cannot split %s outputs',
               data.nSplitOutputs, #output), 2)
         end
         propagate(node, output)
      end
      if self.verbose then print(' V : ' .. node:label()) end
   end
   self.output = self.outnode.data.input
   if #self.outnode.children == 1 then self.output = self.output[1] end
   return self.output
end

function gModule:updateOutput(input)
   return self:runForwardFunction('updateOutput', input)
end

local function checkGradOutput(self, gradOutput)
   local n = #self.outnode.children
   if n > 1 and #gradOutput ~= n then
      error(string.format('nn.gModule: Got %s gradOutputs instead of %s', #gradOutput, n), 3)
   end
end

-- Put gradient `g` into the gradOutput list of input `child` of `node`.
local function sendGradient(node, child, g)
   local cdata = child.data
   cdata.gradOutput = cdata.gradOutput or {}
   if node.data.selectindex then
      assert(#cdata.gradOutput <= 1, 'nn.gModule: the splitted node should be used only once')
      local parts = cdata.gradOutput[1] or {}
      cdata.gradOutput[1] = parts
      assert(not parts[node.data.selectindex], 'nn.gModule: no gradOutput should be assigned yet')
      parts[node.data.selectindex] = g
   else
      cdata.gradOutput[#cdata.gradOutput + 1] = g
   end
end

function gModule:updateGradInput(input, gradOutput) -- luacheck: no unused args
   checkGradOutput(self, gradOutput)
   clearLists(self.backwardnodes, 'gradOutput')
   local outdata = self.outnode.data
   outdata.gradOutput = outdata.gradOutput or {}
   outdata.gradOutput[1] = gradOutput
   for _, node in ipairs(self.backwardnodes) do
      local data = node.data
      local g = nesting.totalGradOutput(data)
      totals[data] = g
      if data.selectindex then
         assert(not data.module, 'nn.gModule: the selectindex-handling nodes should have no module')
         assert(#node.children == 1, 'nn.gModule: only the splitted node should be the input')
         sendGradient(node, node.children[1], g)
      else
         if data.module then g = runNode(node, 'updateGradInput', nodeInput(data), g) end
         local single = #node.children == 1
         for _, child in ipairs(node.children) do
            sendGradient(node, child, single and g or g[data.mapindex[child.data]])
         end
      end
      if self.verbose then print(' V : ' .. node:label()) end
   end
   local innodeGrads = self.innode.data.gradOutput
   assert(#innodeGrads == 1, 'nn.gModule: expecting the innode to be used only once')
   self.gradInput = innodeGrads[1]
   return self.gradInput
end

-- Call `method(module, input, gradient, scale)` for every module node, backward order.
local function eachModuleBackward(self, gradOutput, method, scale)
   checkGradOutput(self, gradOutput)
   for _, node in ipairs(self.backwardnodes) do
      local data = node.data
      if data.module then
         local g = data.gradOutput[1]
         if #data.gradOutput > 1 then g = totals[data] or data.gradOutputBuffer end
         runNode(node, method, nodeInput(data), g, scale)
      end
      if self.verbose then print(' V : ' .. node:label()) end
   end
end

function gModule:accGradParameters(input, gradOutput, scale) -- luacheck: no unused args
   eachModuleBackward(self, gradOutput, 'accGradParameters', scale)
end

function gModule:accUpdateGradParameters(input, gradOutput, lr) -- luacheck: no unused args
   eachModuleBackward(self, gradOutput, 'accUpdateGradParameters', lr)
end
