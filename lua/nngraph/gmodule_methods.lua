-- nn.gModule: type conversion, clearState, reading saved files, replace, map, printing.
-- luacheck: globals graph nngraph
local gModule = torch.getmetatable('nn.gModule')
local parent = torch.getmetatable('nn.Container')

--[[ Convert the modules, the outputs and the values kept in the nodes to `typename`.
ARGS: typename (string or nil), tensorCache (table or nil) RETURN: self (type name when
called without arguments) ]]
function gModule:type(typename, tensorCache)
   if not typename then return self._type end
   tensorCache = tensorCache or {}
   parent.type(self, typename, tensorCache)
   local function convert(nodes)
      for _, node in ipairs(nodes or {}) do
         local data = node.data
         for _, field in ipairs({ 'input', 'gradOutput', 'gradOutputBuffer' }) do
            if data[field] ~= nil then
               data[field] = nn.utils.recursiveType(data[field], typename, tensorCache)
            end
         end
      end
   end
   convert(self.forwardnodes)
   convert(self.backwardnodes)
   return self
end

--[[ Drop the buffers of the modules and the values kept in the nodes. RETURN: self ]]
function gModule:clearState()
   local ret = parent.clearState(self)
   for _, node in ipairs(self.backwardnodes) do
      node.data.gradOutput = nil
      node.data.gradOutputBuffer = nil
   end
   for _, node in ipairs(self.forwardnodes) do node.data.input = nil end
   return ret
end

--[[ Read the fields written by Torch7 or by write(); files from before `modules` existed
get the list rebuilt from the forward nodes. ]]
function gModule:read(file, version)
   parent.read(self, file, version)
   if not self.modules then
      self.modules = {}
      for _, node in ipairs(self.forwardnodes) do
         if node.data.module then self.modules[#self.modules + 1] = node.data.module end
      end
   end
end

--[[ Replace every module `m` of the graph (recursively) by `callback(m)`, in the nodes and
in `modules`. RETURN: callback(self) ]]
function gModule:replace(callback)
   local out = callback(self)
   local index = {}
   for i, m in ipairs(self.modules) do index[m] = i end
   for _, node in ipairs(self.forwardnodes) do
      local m = node.data.module
      if m then
         node.data.module = m:replace(callback)
         self.modules[index[m]] = node.data.module
      end
   end
   return out
end

--[[ Call `func(myModule, otherModule)` for the modules at the same forward positions of
this gModule and `gm`, which must have the same structure.
ARGS: gm (nn.gModule), func (function) ]]
function gModule:map(gm, func)
   for i, node in ipairs(self.forwardnodes) do
      local other = gm.forwardnodes[i]
      assert(other, 'nn.gModule.map: trying to map another gModule with a different structure')
      if node.data.module then
         assert(other.data.module,
            'nn.gModule.map: trying to map another gModule with a different structure')
         func(node.data.module, other.data.module)
      end
   end
end

--[[ RETURN: the gModule's `name` when set, else its class name ]]
function gModule:__tostring__()
   return self.name or torch.type(self)
end
