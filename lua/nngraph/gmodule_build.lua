-- Construction of an nn.gModule's graphs from its input and output nodes, with the checks
-- luacheck: globals graph nngraph
-- for nodes that do not belong (unused inputs, unused split outputs, dangling nodes).
local utils = ...

local function checkNodes(list, where)
   if type(list) ~= 'table' then
      error(string.format('nn.gModule: expecting a table of nodes as %s, got %s', where,
         torch.type(list)), 5)
   end
   for i = 1, utils.tableMaxN(list) do
      if torch.typename(list[i]) ~= 'nngraph.Node' then
         error('nn.gModule: ' .. utils.expectingNodeErrorMessage(list[i], where, i), 5)
      end
   end
end

-- The forward graph's root holding `innode`'s data; any other root must be a parameter
-- node (a module that takes no input, such as nnop.Parameters).
local function findInnode(roots, innode)
   local found
   for _, root in ipairs(roots) do
      if root.data == innode.data then
         found = root
      elseif torch.typename(root.data.module) ~= 'nnop.Parameters' then
         error(string.format('nn.gModule: the node declared at %s has no inputs and is not '
            .. 'among the inputs of the gModule (expected nnop.Parameters node, found: %s)',
            root.data.annotations._debugLabel, torch.type(root.data.module)), 5)
      end
   end
   assert(found, 'nn.gModule: input node not found among roots')
   return found
end

-- Raise an error for split outputs that go nowhere and for nodes that take a node of the
-- graph as input but do not lead to an output.
local function checkConnections(nodes)
   local position = {}
   for i, node in ipairs(nodes) do position[node.data] = i end
   for i, node in ipairs(nodes) do
      local data = node.data
      if data.nSplitOutputs and data.nSplitOutputs ~= #node.children then
         error(string.format('nn.gModule: %s of split(%s) outputs from the node declared at %s '
            .. 'are unused', data.nSplitOutputs - #node.children, data.nSplitOutputs,
            data.annotations._debugLabel), 5)
      end
      for successor in pairs(data.reverseMap or {}) do
         local at = position[successor.data]
         if not at or at <= i then
            error(string.format('nn.gModule: node declared on %s does not connect to gmodule '
               .. 'output', successor.data.annotations._debugLabel), 5)
         end
      end
   end
end

--[[ Build the graphs of gModule `self`: a dummy outnode taking the outputs, a dummy innode
feeding the inputs (through a split for several), the backward graph `bg` from outnode
and its reverse `fg`, topological orders, and the module list.
ARGS: self (nn.gModule), inputs, outputs (lists of nngraph.Node) ]]
return function(self, inputs, outputs)
   checkNodes(outputs, 'outputs')
   checkNodes(inputs, 'inputs')
   local outnode = nngraph.Node({ input = {} })
   for i = 1, utils.tableMaxN(outputs) do outnode:add(outputs[i], true) end
   if #inputs == 0 then error('nn.gModule: no inputs are not supported', 4) end
   local innode = nngraph.Node({ input = {} })
   if #inputs == 1 then
      inputs[1]:add(innode, true)
   else
      local splits = { innode:split(#inputs) }
      for i = 1, #inputs do
         if #inputs[i].children ~= 0 then
            error(string.format('nn.gModule: an input should have no inputs (inputs[%d] '
               .. 'declared at %s has some)', i, inputs[i].data.annotations._debugLabel), 4)
         end
      end
      for i = 1, #inputs do inputs[i]:add(splits[i], true) end
   end
   self.bg = outnode:graph()
   self.fg = self.bg:reverse()
   self.innode = findInnode(self.fg:roots(), innode)
   self.outnode = outnode
   self.verbose = false
   self.nInputs = #inputs
   self.forwardnodes = self.fg:topsort()
   self.backwardnodes = self.bg:topsort()
   checkConnections(self.forwardnodes)
   for _, node in ipairs(self.forwardnodes) do
      node.data.forwardNodeId = node.id
      if node.data.module then self:add(node.data.module) end
   end
end
