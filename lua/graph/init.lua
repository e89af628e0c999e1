-- Torch7's `graph` package: directed graphs of graph.Node joined by graph.Edge, with
-- luacheck: globals graph nngraph
-- traversals (dfs, bfs), roots, leaves, reversal and topological sort. nngraph builds on it.
require 'torch'

graph = graph or {}
package.loaded.graph = graph

torch.include('graph', 'Node.lua')
torch.include('graph', 'Edge.lua')
torch.include('graph', 'Graph.lua')
torch.include('graph', 'graphviz.lua')

return graph
