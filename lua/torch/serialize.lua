-- Torch7's object stream on a torch.File: the format, the per-file state and options, and
-- writing (File:writeObject). Reading is in serializeRead.lua; the storage and tensor
-- methods and torch.save/load/serialize/deserialize are in serializeApi.lua.
--
-- Every value starts with an int type tag. Tables, torch objects and functions then carry
-- a reference index (1, 2, 3, ... in the order they are first written); a repeated object
-- is written as its tag and index only. A torch object is "V <version>", its class name,
-- then its payload: its class's `write` output, or the table of its fields. Reading checks
-- every count against the bytes left, so a damaged file gives an error saying what went
-- wrong, at which byte offset and at which object path, and never a huge allocation.
local torch = ...
local ffi = require 'ffi'
local File = torch.getmetatable('torch.File')

local TYPE_NIL, TYPE_NUMBER, TYPE_STRING, TYPE_TABLE = 0, 1, 2, 3
local TYPE_TORCH, TYPE_BOOLEAN, TYPE_FUNCTION = 4, 5, 6
local TYPE_RECUR_FUNCTION, LEGACY_TYPE_RECUR_FUNCTION = 8, 7
local MAX_DEPTH = 2000     -- nesting limit: deeper streams overflow the Lua stack
local KEY = {}          -- path marker: a table key is being read
local STORAGE = {}      -- path marker: a tensor's storage is being read
local Long, Char = torch._types.Long, torch._types.Char
local longbuf = ffi.new('int64_t[16]')

local CUDA = {}         -- torch.Cuda*Tensor/Storage -> the CPU type with the same elements
for cuda, cpu in pairs({ [''] = 'Float', Double = 'Double', Long = 'Long', Int = 'Int',
      Short = 'Short', Char = 'Char', Byte = 'Byte', Half = 'Half' }) do
   CUDA['torch.Cuda' .. cuda .. 'Tensor'] = torch._types[cpu]
   CUDA['torch.Cuda' .. cuda .. 'Storage'] = torch._types[cpu]
end

if not torch.version then
   --[[ The serialization version of an object's class (1 unless the class sets
   `__version`), or nil for values that are not torch objects. ]]
   function torch.version(obj)
      local mt = torch.getmetatable(obj)
      if type(mt) ~= 'table' then return nil end
      return rawget(mt, '__version') or 1
   end
end

-- Objects of classes this runtime does not know, kept as generic objects when asked.
local genericMts = {}                               -- metatable -> true
local genericMtByName = {}                          -- class name -> metatable
local genericVersion = setmetatable({}, { __mode = 'k' })   -- object -> version (false: no "V")
local FunctionBlob = {}  -- a serialized function kept as bytes: {bytecode, upvalues, tag}
FunctionBlob.__index = FunctionBlob
FunctionBlob.__tostring = function(b)
   return string.format('serialized Lua function (%d bytes of bytecode, not loaded)', #b.bytecode)
end

local function genericMt(name)
   local mt = genericMtByName[name]
   if mt == nil then
      mt = { __typename = name }
      mt.__index = mt
      mt.__tostring = function() return name .. ' (generic object of an unknown class)' end
      genericMtByName[name] = mt
      genericMts[mt] = true
   end
   return mt
end

--[[ True when `obj` was loaded as a generic object of a class the runtime does not know. ]]
function torch.isGenericObject(obj)
   return type(obj) == 'table' and genericMts[getmetatable(obj)] == true
end

local function env(f)
   local e = rawget(f, '_env')
   if e == nil then
      e = { wObjects = {}, wKeep = {}, nWrite = 0, rObjects = {}, nRead = 0, force = false,
            stack = {}, depth = 0, unknown = {}, opts = {}, upvalueIds = {}, upvalueClosures = {} }
      rawset(f, '_env', e)
   end
   return e
end

--[[ Track objects written and read (true, the default) so each is written once and shared
on reading, or write every occurrence in full (false). RETURN: self ]]
function File:referenced(ref)
   env(self).force = not ref
   return self
end

--[[ RETURN: whether references are tracked (see referenced). ]]
function File:isReferenced()
   return not env(self).force
end

--[[ Options of readObject: `unknownClasses` ('error' (default) or 'generic': objects of
unknown classes load as generic objects that keep their fields and save back unchanged),
`functions` ('refuse' (default), 'load': serialized Lua functions are loaded where LuaJIT
accepts the bytecode and kept as opaque blobs otherwise, or 'opaque': always kept as blobs).
torch.load also takes `mmap` (true: storages of 64 KiB and more view the file, mapped
copy-on-write, instead of being read; their pages are read on first use, and changes stay
in the process. The file must not be truncated while such storages live).
ARGS: opts (table) RETURN: self ]]
function File:serializationOptions(opts)
   local e = env(self)
   e.opts = opts or {}
   return self
end

local function identity(obj)
   if type(obj) == 'cdata' then return tonumber(ffi.cast('intptr_t', ffi.cast('void *', obj))) end
   return obj
end

local function metamethod(obj, name)
   local mt = torch.getmetatable(torch.typename(obj))
   if type(mt) ~= 'table' then return nil end
   local f = mt['__' .. name] or mt[name]
   if type(f) == 'function' then return f end
   return nil
end

--[[ The type tag `object` would be written with, or nil when it cannot be written. ]]
function File:isWritableObject(object)
   local t = type(object)
   if t ~= 'boolean' and not object then return TYPE_NIL end
   if t == 'table' then
      local mt = getmetatable(object)
      if mt == FunctionBlob then return object.tag end
      if genericMts[mt] then return TYPE_TORCH end
   end
   local name = torch.typename(object)
   if name and torch.factory(name) then return TYPE_TORCH end
   if t == 'table' then return TYPE_TABLE end
   if t == 'number' then return TYPE_NUMBER end
   if t == 'string' then return TYPE_STRING end
   if t == 'boolean' then return TYPE_BOOLEAN end
   if t == 'function' and pcall(string.dump, object) then return TYPE_RECUR_FUNCTION end
   return nil
end

------------------------------------------------------------------------------- paths

-- Printable form of bytes for messages (high and control bytes as \ddd).
local function printable(s)
   return (s:gsub('[%z\1-\31\127-\255]', function(c) return string.format('\\%d', c:byte()) end))
end

local function formatPath(stack, n)
   local parts = {}
   for i = 1, n do
      local k = stack[i]
      if (n > 40 and i > 11 and i <= n - 10) or k == '<?>' then k = nil end
      if n > 40 and i == 11 then
         parts[#parts + 1] = string.format('...(%d levels)...', n - 20)
      elseif k == KEY then
         parts[#parts + 1] = '<key>'
      elseif k == STORAGE then
         parts[#parts + 1] = ':storage()'
      elseif type(k) == 'string' and k:match('^[%a_][%w_]*$') then
         parts[#parts + 1] = (#parts > 0 and '.' or '') .. k
      elseif type(k) == 'string' then
         parts[#parts + 1] = '["' .. printable(#k > 40 and k:sub(1, 40) .. '...' or k) .. '"]'
      elseif type(k) == 'number' then
         parts[#parts + 1] = string.format('[%.17g]', k)
      elseif k ~= nil then
         parts[#parts + 1] = '[<' .. torch.type(k) .. '>]'
      end
   end
   if #parts == 0 then return '<top level>' end
   return table.concat(parts)
end

------------------------------------------------------------------------------- writing

local writeValue

local function writeStr(f, s)
   f:writeInt(#s)
   f:_writeElems(Char, s, #s)
end

local function writeTensor(f, e, t)
   local nd = t._nd
   f:writeInt(nd)
   for d = 0, nd - 1 do longbuf[d] = t._sz[d] end
   f:_writeElems(Long, longbuf, nd)
   for d = 0, nd - 1 do longbuf[d] = t._sd[d] end
   f:_writeElems(Long, longbuf, nd)
   f:writeLong(t._off + 1)
   writeValue(f, e, torch._storageOf(t), STORAGE)
end

local function writeStorage(f, s)
   f:writeLong(s._n)
   f:_writeElems(torch._info(s), s._data, s._n)
end

local function writeFunction(f, e, fn, hook)
   if getmetatable(fn) == FunctionBlob then
      writeStr(f, fn.bytecode)
      writeValue(f, e, fn.upvalues, nil, hook)
      return
   end
   local upvalues = {}
   local i = 1
   while true do
      local name, value = debug.getupvalue(fn, i)
      if not name then break end
      local ref = debug.upvalueid(fn, i)
      local id = e.upvalueIds[ref]
      if id == nil then
         e.upvalueIds.n = (e.upvalueIds.n or 0) + 1
         id = e.upvalueIds.n
         e.upvalueIds[ref] = id
      end
      upvalues[i] = { name = name, id = id, value = value }
      i = i + 1
   end
   writeStr(f, string.dump(fn))
   writeValue(f, e, upvalues, nil, hook)
end

local function writeTorch(f, e, obj, name, hook)
   local version = genericVersion[obj]
   if version == nil then version = torch.version(obj) or 1 end
   if version ~= false then writeStr(f, 'V ' .. version) end
   writeStr(f, name)
   local _, kind = torch._info(obj)
   if kind == 'tensor' then return writeTensor(f, e, obj) end
   if kind == 'storage' then return writeStorage(f, obj) end
   local write = not genericMts[getmetatable(obj)] and metamethod(obj, 'write')
   if write then return write(obj, f) end
   if type(obj) ~= 'table' then
      error(string.format('<%s> is a non-serializable Torch object %s', name,
         formatPath(e.stack, e.wsp)), 0)
   end
   local var = {}
   for k, v in pairs(obj) do
      if f:isWritableObject(v) then
         var[k] = v
      else
         print(string.format('$ Warning: cannot write object field <%s> of <%s> %s',
            tostring(k), name, formatPath(e.stack, e.wsp)))
      end
   end
   writeValue(f, e, var, nil, hook)
end

-- Table keys are written in one order in every run (the runtime seeds its string hashing
-- per process, so traversal order alone would change a file's bytes from run to run):
-- 1..n first, then number, string and boolean keys sorted, then any other keys.
local RANK = { number = 1, string = 2, boolean = 3 }
local function keyBefore(a, b)
   local ra, rb = RANK[type(a)], RANK[type(b)]
   if ra ~= rb then return ra < rb end
   if ra == 3 then return b and not a end
   return a < b
end

-- Sort `list` in place: insertion sort for the few keys of a typical table (it stays in
-- compiled code), table.sort for many.
local function sortKeys(list)
   local n = #list
   if n > 32 then return table.sort(list, keyBefore) end
   for i = 2, n do
      local k, j = list[i], i - 1
      while j >= 1 and keyBefore(k, list[j]) do
         list[j + 1] = list[j]
         j = j - 1
      end
      list[j + 1] = k
   end
end

local function orderedKeys(t)
   local keys, n = {}, 0
   while rawget(t, n + 1) ~= nil do n = n + 1; keys[n] = n end
   local named, others = {}, nil
   for k in pairs(t) do
      if type(k) ~= 'number' or k < 1 or k > n or k % 1 ~= 0 then
         if RANK[type(k)] then
            named[#named + 1] = k
         else
            others = others or {}
            others[#others + 1] = k
         end
      end
   end
   sortKeys(named)
   for i = 1, #named do keys[n + i] = named[i] end
   n = n + #named
   for i = 1, others and #others or 0 do keys[n + i] = others[i] end
   return keys
end

function writeValue(f, e, object, name, hook)
   local sobject = object
   if hook then object = hook(object) end
   if type(object) ~= 'boolean' and not object then
      f:writeInt(TYPE_NIL)
      return
   end
   local stack, sp = e.stack, e.wsp + 1
   stack[sp] = name == nil and '<?>' or name
   e.wsp = sp
   local tag = f:isWritableObject(object)
   if not tag then
      error(string.format('Unwritable object <%s> at %s', type(object), formatPath(stack, sp)), 0)
   end
   f:writeInt(tag)
   if tag == TYPE_NUMBER then
      f:writeDouble(object)
   elseif tag == TYPE_BOOLEAN then
      f:writeInt(object and 1 or 0)
   elseif tag == TYPE_STRING then
      writeStr(f, object)
   elseif tag == TYPE_FUNCTION then
      writeFunction(f, e, object, hook)
   else
      local key = identity(sobject)
      local index = e.wObjects[key]
      if index and not e.force then
         f:writeInt(index)
      else
         index = e.nWrite + 1
         e.nWrite = index
         if not e.force then
            e.wObjects[key] = index
            e.wKeep[index] = sobject
         end
         f:writeInt(index)
         if sp > MAX_DEPTH then
            error(string.format('objects nested deeper than %d levels at %s', MAX_DEPTH,
               formatPath(stack, sp)), 0)
         end
         if tag == TYPE_TORCH then
            writeTorch(f, e, object, torch.typename(object), hook)
         elseif tag == TYPE_TABLE then
            local keys = orderedKeys(object)
            f:writeInt(#keys)
            for i = 1, #keys do
               local k = keys[i]
               stack[sp + 1] = KEY
               writeValue(f, e, k, KEY, hook)
               writeValue(f, e, rawget(object, k), k, hook)
            end
         else
            writeFunction(f, e, object, hook)
         end
      end
   end
   stack[sp] = nil
   e.wsp = sp - 1
end

--[[ Write `object` (any Lua value a .t7 file can hold) at the current position.
ARGS: object, debugname (string, optional), hook (function, optional: applied to every value
before it is written) ]]
function File:writeObject(object, debugname, hook)
   self:_checkOpen(false, true)
   local e = env(self)
   if e.wActive then return writeValue(self, e, object, debugname, hook) end
   e.wActive = true
   e.stack, e.wsp = {}, 0
   local ok, err = pcall(writeValue, self, e, object, debugname, hook)
   e.wActive = false
   if not ok then
      error(string.format('%s.writeObject: %s', torch.typename(self), tostring(err)), 2)
   end
end

-- What the reading and the file-level halves (serializeRead.lua, serializeApi.lua) share.
torch._serialization = {
   TYPE_NIL = TYPE_NIL, TYPE_NUMBER = TYPE_NUMBER, TYPE_STRING = TYPE_STRING,
   TYPE_TABLE = TYPE_TABLE, TYPE_TORCH = TYPE_TORCH, TYPE_BOOLEAN = TYPE_BOOLEAN,
   TYPE_FUNCTION = TYPE_FUNCTION, TYPE_RECUR_FUNCTION = TYPE_RECUR_FUNCTION,
   LEGACY_TYPE_RECUR_FUNCTION = LEGACY_TYPE_RECUR_FUNCTION,
   MAX_DEPTH = MAX_DEPTH, KEY = KEY, STORAGE = STORAGE, CUDA = CUDA, longbuf = longbuf,
   genericMt = genericMt, genericVersion = genericVersion, FunctionBlob = FunctionBlob,
   env = env, formatPath = formatPath, printable = printable, metamethod = metamethod,
   writeTensor = writeTensor, writeStorage = writeStorage,
}
