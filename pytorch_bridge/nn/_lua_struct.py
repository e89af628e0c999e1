"""The Lua helpers the nn proxies use to look at and change a module: parameters and their
field names, buffers, children, kinds, container edits, construction and plain field
access. They are added to the helper table of ``_lua_side`` when it loads."""

from __future__ import annotations

STRUCTURE_SOURCE = r"""
local B = ...
local torch = require 'torch'
local np = torch._np

--[[ The parameter arrays of a module that is not a container, their gradient arrays and
the field names they sit in (nil where no field holds the tensor). ]]
function B.leafParams(m)
   if type(rawget(m, 'modules')) == 'table' then return 0 end
   local p, g = m:parameters()
   if p == nil then return 0 end
   local out = { #p }
   for i = 1, #p do
      local name = nil
      for k, v in pairs(m) do
         if rawequal(v, p[i]) and type(k) == 'string' then name = k; break end
      end
      out[#out + 1] = np(p[i])
      out[#out + 1] = g and g[i] and np(g[i]) or false
      out[#out + 1] = name or false
   end
   return unpack(out)
end

--[[ The arrays of the named tensor fields of `m` (false for absent ones). ]]
function B.fields(m, ...)
   local out = {}
   for i = 1, select('#', ...) do
      local v = m[select(i, ...)]
      out[i] = torch.isTensor(v) and v:nElement() > 0 and np(v) or false
   end
   return unpack(out, 1, select('#', ...))
end

function B.children(m)
   local ms = rawget(m, 'modules')
   if type(ms) ~= 'table' then return 0 end
   return #ms, unpack(ms)
end

function B.kind(m)
   if torch.isTypeOf(m, 'nn.PyModule') then return 'py' end
   if torch.isTypeOf(m, 'nn.Criterion') then return 'criterion' end
   if torch.isTypeOf(m, 'nn.Module') then return 'module' end
   return false
end

--[[ Insert `child` at 1-based `index` of container `m` (append when nil). ]]
function B.insert(m, child, index)
   if index == nil then return m:add(child) end
   if m.insert then return m:insert(child, index) end
   table.insert(m.modules, index, child)
   return m
end

function B.remove(m, index)
   if m.remove then return m:remove(index) end
   return table.remove(m.modules, index)
end

function B.tostring(m) return tostring(m) end
function B.typename(m) return torch.typename(m) end

function B.construct(name, ...)
   local cls = nn[name]
   if cls == nil then error('pytorch_bridge.nn: Lua nn has no class ' .. name, 2) end
   return cls(...)
end

function B.call(m, method, ...) return m[method](m, ...) end
function B.get(m, key) return m[key] end
function B.set(m, key, v) m[key] = v end
"""
