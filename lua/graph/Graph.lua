local Graph = torch.class('graph.Graph')
-- luacheck: globals graph nngraph

--[[ A directed graph: `nodes` and `edges` are lists, and each also maps its elements to
their positions (node -> index, edge -> index). ]]
function Graph:__init()
   self.nodes = {}
   self.edges = {}
end

-- Append `item` to the list-and-index table `set` unless it is there already.
local function insert(set, item)
   if not set[item] then
      set[#set + 1] = item
      set[item] = #set
   end
end

--[[ Add a graph.Edge (or a plain list of them) and its two nodes; the edge also becomes a
child link of its `from` node, and both nodes' `id` become their positions in this graph.
ARGS: edge (graph.Edge or list of them) ]]
function Graph:add(edge)
   if type(edge) ~= 'table' then
      error('graph.Graph.add: expecting a graph.Edge or a list of them, got ' .. type(edge), 2)
   end
   if not torch.typename(edge) then
      for _, e in ipairs(edge) do self:add(e) end
      return
   end
   insert(self.edges, edge)
   insert(self.nodes, edge.from)
   insert(self.nodes, edge.to)
   edge.from:add(edge.to)
   edge.from.id = self.nodes[edge.from]
   edge.to.id = self.nodes[edge.to]
end

-- A new node of the same class as `node`, sharing its data.
local function twin(node)
   return getmetatable(node).__constructor(node.data)
end

--[[ A copy with new nodes (of the same classes, sharing the data) and new edges.
RETURN: graph.Graph ]]
function Graph:clone()
   local g, copies = graph.Graph(), {}
   for i, node in ipairs(self.nodes) do copies[i] = twin(node) end
   for _, e in ipairs(self.edges) do
      g:add(graph.Edge(copies[self.nodes[e.from]], copies[self.nodes[e.to]]))
   end
   return g
end

--[[ The graph with every edge turned around, on new nodes sharing the data.
RETURN: graph.Graph, and the table mapping each old node to its new node ]]
function Graph:reverse()
   local g, map = graph.Graph(), {}
   for _, e in ipairs(self.edges) do
      map[e.from] = map[e.from] or twin(e.from)
      map[e.to] = map[e.to] or twin(e.to)
      g:add(graph.Edge(map[e.to], map[e.from]))
   end
   return g, map
end

--[[ RETURN: true when the graph has a cycle (or no root at all) ]]
function Graph:hasCycle()
   local roots = self:roots()
   if #roots == 0 then return true end
   for _, root in ipairs(roots) do
      if root:hasCycle() then return true end
   end
   return false
end

--[[ The nodes in an order where every edge goes from an earlier to a later node. Raises
'Graph has cycles' when no order can be found.
RETURN: list of nodes, the reversed graph, the reversed graph's roots ]]
function Graph:topsort()
   local rg, map = self:reverse()
   local original = {}
   for old, new in pairs(map) do original[new] = old end
   local roots = rg:roots()
   if #roots == 0 then error('Graph has cycles', 2) end
   local start = roots[1]
   if #roots > 1 then
      -- a root above the real ones; it has no original, so it is left out of the order
      start = graph.Node('dummy_root')
      for _, root in ipairs(roots) do start:add(root) end
   end
   local sorted = {}
   start:dfs(function(node) sorted[#sorted + 1] = original[node] end)
   if #sorted ~= #self.nodes then error('Graph has cycles', 2) end
   return sorted, rg, roots
end

-- The nodes that are `side` ('from' or 'to') of some edge and never the other side,
-- in graph order.
local function ends(self, side, other)
   local found = {}
   for _, e in ipairs(self.edges) do found[e[side]] = true end
   for _, e in ipairs(self.edges) do found[e[other]] = nil end
   local list = {}
   for node in pairs(found) do list[#list + 1] = node end
   table.sort(list, function(a, b) return self.nodes[a] < self.nodes[b] end)
   return list
end

--[[ RETURN: the nodes without incoming edges, in graph order ]]
function Graph:roots()
   return ends(self, 'from', 'to')
end

--[[ RETURN: the nodes without outgoing edges, in graph order ]]
function Graph:leaves()
   return ends(self, 'to', 'from')
end
