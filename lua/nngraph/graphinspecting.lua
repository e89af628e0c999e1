-- Debugging aids: nngraph.setDebug (a graph picture of a failing gModule),
-- luacheck: globals graph nngraph
-- nngraph.annotateNodes (name nodes after local variables), nngraph.display.

-- The dot text of `g` with the node sharing `failed`'s data filled red.
local function dotWithFailure(g, title, failed)
   local text = g:todot(title)
   if not failed then return text end
   for _, node in ipairs(g.nodes) do
      if node.data == failed.data then
         return text:gsub('}%s*$', '') .. string.format('n%s[style=filled, fillcolor=red];\n}',
            node.id)
      end
   end
   return text
end

local function saveFailure(gmodule)
   local nInputs = gmodule.nInputs or #gmodule.innode.children
   local prefix = gmodule.name
      or string.format('nngraph_%sin_%sout', nInputs, #gmodule.outnode.children)
   io.stderr:write(string.format('saving %s.svg\n', prefix))
   local f = assert(io.open(prefix .. '.dot', 'w'))
   f:write(dotWithFailure(gmodule.fg, prefix, nngraph._failedNode))
   f:close()
   os.execute(string.format('dot -Tsvg -o %q %q >/dev/null 2>&1', prefix .. '.svg',
      prefix .. '.dot'))
end

local original = {
   runForwardFunction = nn.gModule.runForwardFunction,
   updateGradInput = nn.gModule.updateGradInput,
   accGradParameters = nn.gModule.accGradParameters,
}

--[[ With `enable`, a gModule that fails while running saves its forward graph as
<name>.dot (and <name>.svg when graphviz is installed), the failing node in red; `name`
is gmodule.name or nngraph_<n>in_<m>out. Without, restore the plain methods.
ARGS: enable (boolean) ]]
function nngraph.setDebug(enable)
   for name, f in pairs(original) do
      if enable then
         nn.gModule[name] = function(self, ...)
            nngraph._failedNode = nil
            local args, n = { ... }, select('#', ...)
            local ok, err = xpcall(function() return f(self, unpack(args, 1, n)) end,
               function(e) return e end)
            if ok then return err end
            saveFailure(self)
            error(err, 0)
         end
      else
         nn.gModule[name] = f
      end
   end
end

--[[ Name the nngraph.Node held by local variables of a calling function after those
variables (explicit names are kept).
ARGS: stackLevel (number, default 1: the function calling annotateNodes) ]]
function nngraph.annotateNodes(stackLevel)
   stackLevel = stackLevel or 1
   local index = 1
   while true do
      local name, value = debug.getlocal(stackLevel + 1, index)
      if not name then break end
      if torch.typename(value) == 'nngraph.Node' and not value.data.annotations.name then
         value:annotate({ name = name })
      end
      index = index + 1
   end
end

--[[ Save the forward graph of `gmodule` as a .dot file (and .svg when graphviz is
installed) and return the path prefix; there is no on-screen display here.
ARGS: gmodule (nn.gModule), fname (path prefix, optional) RETURN: fname ]]
function nngraph.display(gmodule, fname)
   fname = fname or os.tmpname()
   graph.dot(gmodule.fg, gmodule.name or torch.type(gmodule), fname)
   return fname
end
