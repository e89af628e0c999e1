local Edge = torch.class('graph.Edge')
-- luacheck: globals graph nngraph

--[[ A directed edge: the fields `from`, `to` (graph.Node) and an optional `weight`.
ARGS: from, to (graph.Node), weight (any, optional) ]]
function Edge:__init(from, to, weight)
   self.from = from
   self.to = to
   self.weight = weight
end
