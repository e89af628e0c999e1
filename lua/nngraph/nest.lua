-- nngraph.nest: one node standing for a nested table of nodes.
-- luacheck: globals graph nngraph

local function isNode(x)
   return torch.typename(x) == 'nngraph.Node'
end

local function nest(x)
   if isNode(x) then return x end
   if type(x) ~= 'table' or #x == 0 then
      error('nngraph.nest: expecting a node or a non-empty table of nodes, got '
         .. tostring(x), 3)
   end
   if #x == 1 then return nngraph.JustTable()(x) end
   local parts = {}
   for i, child in ipairs(x) do parts[i] = nest(child) end
   return nn.Identity()(parts)
end

--[[ A node whose output has the nesting of `input` (a node, or nested tables of nodes),
e.g. nngraph.nest({in1, {in2}, in3}).
ARGS: input RETURN: nngraph.Node ]]
function nngraph.nest(...)
   if select('#', ...) > 1 then
      error('nngraph.nest: Use {input1, input2} to pass multiple inputs.', 2)
   end
   local input = ...
   if input == nil then error('nngraph.nest: Pass an input.', 2) end
   return nest(input)
end
