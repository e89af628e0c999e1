local Node = torch.class('graph.Node')
-- luacheck: globals graph nngraph

--[[ A node holding `data` and the ordered list `children` (each child also maps to its
position in that list). `id` is the node's position in the last graph.Graph it joined;
`visited` and `marked` are traversal flags, false between traversals.
ARGS: data (any) ]]
function Node:__init(data)
   self.data = data
   self.id = 0
   self.children = {}
   self.visited = false
   self.marked = false
end

--[[ Append `child` (a node, or a plain list of nodes) to the children, once each. ]]
function Node:add(child)
   local children = self.children
   if type(child) == 'table' and not torch.typename(child) then
      for _, c in ipairs(child) do self:add(c) end
   elseif not children[child] then
      children[#children + 1] = child
      children[child] = #children
   end
end

--[[ Depth-first walk from this node that skips visited nodes: `pre(node)` before the
children, `post(node)` after them (either may be nil). The caller manages `visited`. ]]
function Node:visit(pre, post)
   if self.visited then return end
   if pre then pre(self) end
   for _, child in ipairs(self.children) do child:visit(pre, post) end
   if post then post(self) end
end

--[[ RETURN: a printable description of the node's data ]]
function Node:label()
   return tostring(self.data)
end

--[[ The graph of every edge reachable from this node, added in breadth-first order.
RETURN: graph.Graph ]]
function Node:graph()
   local g = graph.Graph()
   self:bfs(function(node)
      for _, child in ipairs(node.children) do g:add(graph.Edge(node, child)) end
   end)
   return g
end

--[[ Call `func(node)` on every node reachable from here, children before parents, and
leave the nodes flagged visited. RETURN: the nodes in the order they were passed to func ]]
function Node:dfs_dirty(func)
   local order = {}
   self:visit(function(node) node.visited = true end, function(node)
      func(node)
      order[#order + 1] = node
   end)
   return order
end

--[[ Depth-first post-order walk: `func(node)` on each reachable node, children first. ]]
function Node:dfs(func)
   for _, node in ipairs(self:dfs_dirty(func)) do node.visited = false end
end

--[[ Call `func(node)` on every reachable node in breadth-first order, leaving them marked.
RETURN: the nodes in the order they were passed to func ]]
function Node:bfs_dirty(func)
   local order, queue, head = {}, { self }, 1
   self.marked = true
   while queue[head] do
      local node = queue[head]
      head = head + 1
      order[#order + 1] = node
      func(node)
      for _, child in ipairs(node.children) do
         if not child.marked then
            child.marked = true
            queue[#queue + 1] = child
         end
      end
   end
   return order
end

--[[ Breadth-first walk: `func(node)` on each reachable node, nearest first. ]]
function Node:bfs(func)
   for _, node in ipairs(self:bfs_dirty(func)) do node.marked = false end
end

--[[ RETURN: true when a cycle can be reached from this node ]]
function Node:hasCycle()
   local found, done = false, {}
   local function pre(node)
      if found then return end
      if node.marked then
         -- still on the current path: a back edge closes a cycle
         node.visited = true
         found = true
         return
      end
      node.marked = true
   end
   local function post(node)
      node.marked = false
      node.visited = true
      done[node] = true
   end
   self:visit(pre, post)
   for node in pairs(done) do node.visited = false end
   return found
end
