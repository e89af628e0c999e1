-- graph: nodes, edges, traversals, roots and leaves, reversal, topological sort, cycles.
-- luacheck: globals graph nngraph
require 'graph'
local tester = torch.Tester()
local tests = {}

-- A chain 1 -> 2 -> ... -> n of graph.Node holding their numbers.
local function chain(n)
   local g, nodes = graph.Graph(), {}
   for i = 1, n do nodes[i] = graph.Node(i) end
   for i = 1, n - 1 do g:add(graph.Edge(nodes[i], nodes[i + 1])) end
   return g, nodes
end

-- a -> b, a -> c, b -> d, c -> d
local function diamond()
   local a, b, c, d = graph.Node('a'), graph.Node('b'), graph.Node('c'), graph.Node('d')
   local g = graph.Graph()
   g:add({ graph.Edge(a, b), graph.Edge(a, c), graph.Edge(b, d), graph.Edge(c, d) })
   return g, a, b, c, d
end

local function datas(list)
   local out = {}
   for i, n in ipairs(list) do out[i] = n.data end
   return table.concat(out, ',')
end

function tests.addKeepsListsIndexedAndSetsIds()
   local g, a, b, c, d = diamond()
   tester:eq(#g.nodes, 4, 'four nodes')
   tester:eq(#g.edges, 4, 'four edges')
   tester:eq(datas(g.nodes), 'a,b,c,d', 'nodes in order of first appearance')
   for i, n in ipairs(g.nodes) do
      tester:eq(g.nodes[n], i, 'node maps to its position')
      tester:eq(n.id, i, 'id is the position')
   end
   tester:eq(datas(a.children), 'b,c', 'children follow the edges')
   tester:eq(a.children[c], 2, 'children map to their positions')
   g:add(g.edges[1])
   tester:eq(#g.edges, 4, 'an edge is added once')
   tester:assert(d.visited == false and d.marked == false, 'flags start false')
   tester:assert(not rawequal(b, c), 'distinct nodes')
end

function tests.rootsAndLeaves()
   local g = diamond()
   tester:eq(datas(g:roots()), 'a', 'one root')
   tester:eq(datas(g:leaves()), 'd', 'one leaf')
   local x, y = graph.Node('x'), graph.Node('y')
   g:add(graph.Edge(x, y))
   tester:eq(datas(g:roots()), 'a,x', 'roots in graph order')
   tester:eq(datas(g:leaves()), 'd,y', 'leaves in graph order')
end

function tests.dfsIsPostOrderAndBfsLevelOrder()
   local _, a = diamond()
   local seen = {}
   a:dfs(function(n) seen[#seen + 1] = n end)
   tester:eq(datas(seen), 'd,b,c,a', 'children before parents, each once')
   seen = {}
   a:bfs(function(n) seen[#seen + 1] = n end)
   tester:eq(datas(seen), 'a,b,c,d', 'breadth first')
   for _, n in ipairs(seen) do
      tester:assert(not n.visited and not n.marked, 'flags reset after the walks')
   end
end

function tests.nodeGraphCollectsReachableEdges()
   local _, a = diamond()
   local g = a:graph()
   tester:eq(#g.nodes, 4, 'all reachable nodes')
   tester:eq(#g.edges, 4, 'all reachable edges')
   tester:eq(g.edges[1].from.data .. g.edges[1].to.data, 'ab', 'breadth-first edge order')
end

function tests.reverseAndCloneShareData()
   local g, a = diamond()
   local rg, map = g:reverse()
   tester:eq(#rg.edges, 4, 'same number of edges')
   tester:eq(datas(rg:roots()), 'd', 'the leaf becomes the root')
   tester:assert(not rawequal(map[a], a) and map[a].data == a.data, 'new nodes with shared data')
   tester:eq(torch.type(map[a]), 'graph.Node', 'same class')
   local c = g:clone()
   tester:eq(datas(c.nodes), 'a,b,c,d', 'clone keeps the order')
   tester:assert(not rawequal(c.nodes[1], a), 'clone has new nodes')
end

function tests.topsortOrdersEveryEdge()
   local g = diamond()
   local sorted, rg, roots = g:topsort()
   tester:eq(datas(sorted), 'a,b,c,d', 'topological order')
   tester:eq(torch.type(rg), 'graph.Graph', 'returns the reversed graph')
   tester:eq(datas(roots), 'd', 'and its roots')
   local big, nodes = chain(6)
   big:add(graph.Edge(nodes[1], nodes[4]))
   sorted = big:topsort()
   local at = {}
   for i, n in ipairs(sorted) do at[n] = i end
   for _, e in ipairs(big.edges) do
      tester:assert(at[e.from] < at[e.to], 'edge goes forward')
   end
end

function tests.topsortWithSeveralLeaves()
   local g = diamond()
   local e = graph.Node('e')
   g:add(graph.Edge(g.nodes[1], e))
   local sorted = g:topsort()
   tester:eq(#sorted, 5, 'the dummy root is left out')
   tester:eq(sorted[1].data, 'a', 'the root comes first')
end

function tests.cyclesAreDetected()
   local g, nodes = chain(3)
   tester:assert(not g:hasCycle(), 'a chain has no cycle')
   g:add(graph.Edge(nodes[3], nodes[1]))
   tester:assert(g:hasCycle(), 'a closed loop has a cycle')
   tester:assertErrorPattern(function() g:topsort() end, 'Graph has cycles', 'topsort refuses')
   local h, hn = chain(4)
   h:add(graph.Edge(hn[4], hn[2]))
   tester:assert(h:hasCycle(), 'a cycle below the root')
   tester:assert(hn[1]:hasCycle(), 'found from the root node')
   tester:assert(not hn[1].visited and not hn[1].marked, 'flags reset')
end

function tests.addRejectsNonTables()
   tester:assertErrorPattern(function() graph.Graph():add(3) end, 'graph.Edge', 'bad edge')
end

function tests.todotListsNodesAndEdges()
   local g = diamond()
   local dot = g:todot('T')
   tester:assert(dot:find('digraph G {', 1, true) ~= nil, 'a digraph')
   tester:assert(dot:find('label="T"', 1, true) ~= nil, 'the title')
   tester:assert(dot:find('n1 -> n2;', 1, true) ~= nil, 'edge a -> b')
   tester:assert(dot:find('n4[label="Node4\\nd"];', 1, true) ~= nil, dot)
   tester:eq(graph._dotEscape('abc'), 'abc', 'letters need no quotes')
   tester:eq(graph._dotEscape('a "b"\n'), '"a \\"b\\"\\n"', 'quotes and newlines escaped')
end

tester:add(tests)
return tester
