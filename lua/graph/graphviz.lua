-- Graphviz text output of graph.Graph: Graph:todot, graph.dot, graph._dotEscape.
-- luacheck: globals graph nngraph
local Graph = torch.getmetatable('graph.Graph')

--[[ Quote a string for the dot language when it holds anything but letters.
ARGS: str (string) RETURN: string ]]
function graph._dotEscape(str)
   if not str:find('[^a-zA-Z]') then return str end
   return '"' .. str:gsub('\n', '\\n'):gsub('"', '\\"') .. '"'
end

-- ' key=value key=value' for a table of attributes, keys sorted.
local function attributeString(attributes)
   local keys = {}
   for k in pairs(attributes) do keys[#keys + 1] = k end
   table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
   local parts = {}
   for i, k in ipairs(keys) do
      parts[i] = tostring(k) .. '=' .. graph._dotEscape(tostring(attributes[k]))
   end
   return ' ' .. table.concat(parts, ' ')
end

--[[ The graph in the dot language. Nodes may provide graphNodeName() and
graphNodeAttributes(); otherwise they are named 'Node<id>'.
ARGS: title (string, optional) RETURN: string ]]
function Graph:todot(title)
   local out = { 'digraph G {\n' }
   if title then out[#out + 1] = 'labelloc="t";\nlabel="' .. title .. '";\n' end
   out[#out + 1] = 'node [shape = oval]; '
   local names = {}
   for _, node in ipairs(self.nodes) do
      local name = node.graphNodeName and node:graphNodeName() or ('Node' .. node.id)
      local attributes = node.graphNodeAttributes
         and attributeString(node:graphNodeAttributes()) or ''
      names[node] = 'n' .. node.id
      out[#out + 1] = string.format('\n%s[label=%s%s];', names[node],
         graph._dotEscape(name .. '\n' .. node:label()), attributes)
   end
   out[#out + 1] = '\n'
   for _, e in ipairs(self.edges) do
      out[#out + 1] = names[e.from] .. ' -> ' .. names[e.to] .. ';\n'
   end
   out[#out + 1] = '}'
   return table.concat(out)
end

--[[ Write `g` as fname.dot and, when the `dot` program is installed, render fname.svg.
There is no on-screen display, so a file name is required.
ARGS: g (graph.Graph), title (string or nil), fname (path without extension) ]]
function graph.dot(g, title, fname)
   if type(fname) ~= 'string' then
      error('graph.dot: give a file name (without extension); there is no display here', 2)
   end
   local f = assert(io.open(fname .. '.dot', 'w'))
   f:write(g:todot(title))
   f:close()
   os.execute(string.format('dot -Tsvg -o %q %q >/dev/null 2>&1', fname .. '.svg',
      fname .. '.dot'))
end
