-- The Torch7 class system: torch.class, typename, isTypeOf, factories.
-- A class is a metatable holding its methods (`__index` = itself) whose own
-- metatable is the parent class's metatable, so method lookup follows the
-- inheritance chain. `torch.getmetatable(name)` returns that metatable.
local torch = ...

-- typename -> metatable, kept in the Lua registry as Torch7's luaT did (scripts remove a
-- class with `debug.getregistry()[name] = nil`).
local registry = debug.getregistry()
local factories = {}    -- typename -> function() returning an uninitialised object

local forwarded = {
   __add = '__add__', __sub = '__sub__', __mul = '__mul__', __div = '__div__',
   __mod = '__mod__', __pow = '__pow__', __concat = '__concat__', __lt = '__lt__',
   __le = '__le__',
}

local function forwarder(mt, event, name)
   return function(a, b)
      local f = type(a) == 'table' and a[name]
      if not f and type(b) == 'table' then f = b[name] end
      if not f then
         error(string.format("%s: no %s method (operator %s)", mt.__typename, name, event), 2)
      end
      return f(a, b)
   end
end

-- Operators whose operands or arguments differ from the binary ones above.
local function installOperators(mt)
   for event, name in pairs(forwarded) do mt[event] = forwarder(mt, event, name) end
   mt.__unm = function(a)
      local f = a.__unm__
      if not f then error(mt.__typename .. ': no __unm__ method (operator __unm)', 2) end
      return f(a)
   end
   mt.__len = function(a)
      local f = a.__len__
      if not f then error(mt.__typename .. ': no __len__ method (operator __len)', 2) end
      return f(a)
   end
   mt.__call = function(self, ...)
      local f = self.__call__
      if not f then error(mt.__typename .. ': object is not callable (no __call__ method)', 2) end
      return f(self, ...)
   end
   -- Without an __eq__ method, objects compare by identity (as luaT did).
   mt.__eq = function(a, b)
      local f = a.__eq__ or b.__eq__
      if f then return f(a, b) end
      return rawequal(a, b)
   end
end

local function defaultToString(self)
   local mt = getmetatable(self)
   local f = mt.__tostring__
   if f then return f(self) end
   return string.format('%s: 0x%x', mt.__typename, torch.pointer(self))
end

-- Put the constructor table `ct` at the dotted path `name` (e.g. nn.Linear -> _G.nn.Linear).
local function publish(name, ct, module)
   if module then
      module[name:match('([^%.]+)$')] = ct
      return
   end
   local parent = _G
   local parts = {}
   for p in name:gmatch('[^%.]+') do parts[#parts + 1] = p end
   for i = 1, #parts - 1 do
      local nxt = rawget(parent, parts[i])
      if nxt == nil then
         nxt = {}
         rawset(parent, parts[i], nxt)
      end
      parent = nxt
   end
   rawset(parent, parts[#parts], ct)
end

--[[ Create the metatable of class `name` (registered for torch.getmetatable).
ARGS: name (string), parentName (string or nil), constructor (function or nil),
      module (table or nil: where to publish the constructor table)
RETURN: the class metatable ]]
function torch.newmetatable(name, parentName, constructor, module)
   if registry[name] then
      error(string.format('torch.class: class %s already exists', name), 2)
   end
   local parent
   if parentName then
      parent = registry[parentName]
      if not parent then
         error(string.format('torch.class: parent class %s does not exist', parentName), 2)
      end
   end
   local mt = { __typename = name }
   mt.__index = mt
   installOperators(mt)
   mt.__tostring = defaultToString
   if parent then setmetatable(mt, parent) end
   registry[name] = mt
   local new = constructor or function(...)
      local self = setmetatable({}, mt)
      local init = mt.__init
      if init then init(self, ...) end
      return self
   end
   factories[name] = function() return setmetatable({}, mt) end
   local ct = setmetatable({}, {
      __index = mt, __newindex = mt, __metatable = mt,
      __call = function(_, ...) return new(...) end,
      __tostring = function() return name end,
   })
   rawset(mt, '__constructor', ct)
   publish(name, ct, module)
   return mt
end

--[[ Declare a class. `torch.class(name [, parentName] [, module])`.
RETURN: the class metatable and the parent's metatable (or nil) ]]
function torch.class(name, parentName, module)
   if type(name) ~= 'string' then
      error('torch.class: expected a class name (string) as first argument', 2)
   end
   if type(parentName) == 'table' then
      module, parentName = parentName, nil
   end
   local mt = torch.newmetatable(name, parentName, nil, module)
   return mt, parentName and registry[parentName] or nil
end

--[[ Register an existing metatable (used for the built-in tensor and storage types). ]]
function torch._registerMetatable(name, mt, factory)
   registry[name] = mt
   factories[name] = factory
end

--[[ The metatable of a class name, or of an object when given one.
RETURN: table or nil ]]
function torch.getmetatable(x)
   if type(x) == 'string' then
      local mt = registry[x]
      if type(mt) == 'table' and rawget(mt, '__typename') == x then return mt end
      return nil
   end
   if type(x) == 'cdata' then
      local name = torch.typename(x)
      return name and registry[name]
   end
   return getmetatable(x)
end

--[[ The Torch7 class name of `obj`, or nil for plain Lua values. ]]
function torch.typename(obj)
   if type(obj) == 'cdata' then
      local T, kind = torch._info(obj)
      if T == nil then return nil end
      return kind == 'tensor' and T.tensorName or T.storageName
   end
   local mt = getmetatable(obj)
   if type(mt) == 'table' then
      local name = rawget(mt, '__typename')
      if name then return name end
   end
   return nil
end

--[[ `torch.typename(obj)` when it has one, else Lua's `type(obj)`. ]]
function torch.type(obj)
   local tn = torch.typename(obj)
   return tn or type(obj)
end

--[[ True when `obj` is an instance of `typeSpec` or of one of its subclasses. `typeSpec` is
a class (its constructor), a class name (which must match the whole name) or a Lua pattern
(which may match part of it, e.g. 'torch.*Tensor'). ]]
function torch.isTypeOf(obj, typeSpec)
   if type(typeSpec) == 'table' then
      local mt = getmetatable(typeSpec)
      typeSpec = (type(mt) == 'table' and rawget(mt, '__typename')) or typeSpec.__typename
   end
   if type(typeSpec) ~= 'string' then
      error('torch.isTypeOf: expected a class name, a pattern or a class as second argument', 2)
   end
   local mt = torch.getmetatable(obj)
   while type(mt) == 'table' do
      local name = rawget(mt, '__typename')
      if name then
         local found = name:match(typeSpec)
         if found and (found ~= typeSpec or found == name) then return true end
      end
      mt = getmetatable(mt)
   end
   return false
end

--[[ A function returning a fresh, uninitialised object of class `name` (used when
deserializing), or nil for unknown classes. ]]
function torch.factory(name)
   -- a class removed with `debug.getregistry()[name] = nil` has no factory either
   if registry[name] == nil then return nil end
   return factories[name]
end


local defaultTensorType = 'torch.DoubleTensor'

--[[ Make `name` ('torch.FloatTensor', ...) the type behind torch.Tensor and torch.Storage. ]]
function torch.setdefaulttensortype(name)
   local T = torch._typeByName and torch._typeByName[name]
   if T == nil or name ~= T.tensorName then
      error(string.format('torch.setdefaulttensortype: %s is not a tensor type', tostring(name)), 2)
   end
   defaultTensorType = name
   torch.Tensor = torch[T.name .. 'Tensor']
   torch.Storage = torch[T.name .. 'Storage']
end

--[[ The name of the default tensor type. ]]
function torch.getdefaulttensortype()
   return defaultTensorType
end
