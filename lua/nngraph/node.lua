-- nngraph.Node: a graph.Node whose data table describes one step of a gModule.
-- luacheck: globals graph nngraph
local utils = ...
local Node, parent = torch.class('nngraph.Node', 'graph.Node')

--[[ `data` holds the step: `module` (nn.Module or nil for pass-through nodes), `mapindex`
(the input nodes' data tables in argument order, each also mapped to its position),
`reverseMap` (the nodes declared with this one as input), `annotations` (name,
description, graphAttributes, _debugLabel) and, while running, `input` and `gradOutput`.
ARGS: data (table) ]]
function Node:__init(data)
   parent.__init(self, data)
   data.annotations = data.annotations or {}
   data.mapindex = data.mapindex or {}
   data.reverseMap = data.reverseMap or {}
   if not data.annotations._debugLabel then
      data.annotations._debugLabel = utils.callerLabel()
   end
end

--[[ Add `child` as an input of this node. With `domap`, remember its argument position in
data.mapindex, and record this node in the input's data.reverseMap.
ARGS: child (nngraph.Node), domap (boolean) ]]
function Node:add(child, domap)
   parent.add(self, child)
   if not domap then return end
   local mapindex, key = self.data.mapindex, child.data
   assert(not mapindex[key], "Don't pass the same input twice.")
   mapindex[#mapindex + 1] = key
   mapindex[key] = #mapindex
   key.reverseMap = key.reverseMap or {}
   assert(not key.reverseMap[self], 'this connection has already been made!')
   key.reverseMap[self] = true
end

--[[ Nodes that each take one element of this node's (table) output, in order; split(1)
unwraps a one-element table.
ARGS: noutput (number) RETURN: noutput nngraph.Node ]]
function Node:split(noutput)
   if noutput == 1 then return nngraph.JustElement()(self) end
   local label = self.data.annotations._debugLabel
   local splitter = nngraph.Node({ nSplitOutputs = noutput, annotations = {
      _debugLabel = label .. ' split at ' .. utils.callerLocation() .. '-mnode' } })
   splitter:add(self, true)
   local outputs = {}
   for i = 1, noutput do
      outputs[i] = nngraph.Node({ selectindex = i, input = {},
         annotations = { _debugLabel = label .. '-' .. i } })
      outputs[i]:add(splitter, true)
   end
   return unpack(outputs)
end

--[[ Merge `annotations` (name, description, graphAttributes, ...) into this node's.
RETURN: self ]]
function Node:annotate(annotations)
   for k, v in pairs(annotations) do self.data.annotations[k] = v end
   return self
end

--[[ RETURN: the node's name for graph output: 'name (id)' when annotated, else 'Node<id>' ]]
function Node:graphNodeName()
   local name = self.data.annotations.name
   if name then return name .. ' (' .. self.id .. ')' end
   return 'Node' .. self.id
end

--[[ RETURN: the graphviz attributes of the node (the tooltip defaults to the debug label) ]]
function Node:graphNodeAttributes()
   local a = self.data.annotations
   a.graphAttributes = a.graphAttributes or {}
   a.graphAttributes.tooltip = a.graphAttributes.tooltip or a._debugLabel
   return a.graphAttributes
end

-- ' NaN', 'inf' or '-inf' marks for a tensor holding such values.
local function badValues(t)
   if t:nElement() == 0 then return '' end
   if t:ne(t):sum() > 0 then return 'NaN' end
   if t:max() == math.huge then return 'inf' end
   if t:min() == -math.huge then return '-inf' end
   return ''
end

local function describe(v)
   if v == nil then return '' end
   if torch.isTensor(v) then
      local kind = v:type() == torch.Tensor():type() and 'Tensor' or v:type()
      return kind .. '[' .. table.concat(v:size():totable(), 'x') .. ']' .. badValues(v)
   elseif utils.istable(v) then
      local parts = {}
      for i, x in ipairs(v) do parts[i] = describe(x) end
      return '{' .. table.concat(parts, ',') .. '}'
   end
   return (tostring(v):gsub('\n', '\\l'))
end

--[[ RETURN: a text listing the node's data fields (for graph output) ]]
function Node:label()
   local lines = {}
   for k, v in pairs(self.data) do
      if k == 'mapindex' then
         if #v > 1 then
            local ids = {}
            for i, d in ipairs(v) do ids[i] = 'Node' .. (d.forwardNodeId or '') end
            lines[#lines + 1] = k .. ' = {' .. table.concat(ids, ',') .. '}'
         end
      elseif k ~= 'forwardNodeId' and k ~= 'annotations' then
         lines[#lines + 1] = tostring(k) .. ' = ' .. describe(v)
      end
   end
   local desc = (self.data.annotations or {}).description
   return (desc and ('desc = ' .. desc .. '\\n') or '') .. table.concat(lines, '\\l')
end
