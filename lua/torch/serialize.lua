-- Torch7's object stream on a torch.File (readObject/writeObject), and torch.save,
-- torch.load, torch.serialize, torch.deserialize on top of it.
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
local cudaWarned = false

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
            local size = 0
            for _ in pairs(object) do size = size + 1 end
            f:writeInt(size)
            for k, v in pairs(object) do
               stack[sp + 1] = KEY
               writeValue(f, e, k, KEY, hook)
               writeValue(f, e, v, k, hook)
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


------------------------------------------------------------------------------- reading

local readValue

-- Raise a format error at byte offset `pos`.
local function bad(pos, fmt, ...)
   error({ pos = pos, msg = string.format(fmt, ...) }, 0)
end

local function numstr(n)
   if n == math.floor(n) and math.abs(n) < 2 ^ 63 then return string.format('%d', n) end
   return string.format('%.17g', n)
end

-- A count read at `pos` must be a whole number in [0, limit].
local function checkCount(f, pos, n, what, limit, unit)
   if n < 0 or n ~= math.floor(n) then bad(pos, 'invalid %s %s', what, numstr(n)) end
   if n > limit then
      bad(pos, '%s %s needs more than the %d bytes left in the file%s', what, numstr(n),
         f:_remaining(), unit or '')
   end
end

local function readStr(f, what)
   local pos = f:_tell()
   local n = f:readInt()
   checkCount(f, pos, n, what .. ' length', f:_remaining())
   local s = f:_readRaw(n)
   if n > 0 and not f._binary and f._autoSpacing then f:_eatNewline() end
   return s
end

-- Bytes one stored element takes at least.
local function elemBytes(f, info)
   if not f._binary then return 1 end
   if info.name == 'Long' and f._longSize == 4 then return 4 end
   return info.size
end

local function readStorage(f, e, info, index)
   local pos = f:_tell()
   local n = f:readLong()
   checkCount(f, pos, n, info.storageName .. ' size', f:_remaining() / elemBytes(f, info),
      string.format(' (%d bytes per element)', elemBytes(f, info)))
   local s = torch._newStorage(info, n)
   e.rObjects[index] = s
   local got = f:_readElems(info, s._data, n)
   if got ~= n then bad(pos, 'truncated %s: read %d of %d elements', info.storageName, got, n) end
   return s
end

local function readTensor(f, e, info, index)
   local pos = f:_tell()
   local nd = f:readInt()
   if nd < 0 or nd > torch.MAXDIM then
      bad(pos, 'invalid number of dimensions %d for a %s (0 to %d supported)', nd,
         info.tensorName, torch.MAXDIM)
   end
   local sz, sd = {}, {}
   if f:_readElems(Long, longbuf, nd) ~= nd then bad(pos, 'truncated tensor sizes') end
   for d = 1, nd do sz[d] = tonumber(longbuf[d - 1]) end
   if f:_readElems(Long, longbuf, nd) ~= nd then bad(pos, 'truncated tensor strides') end
   for d = 1, nd do sd[d] = tonumber(longbuf[d - 1]) end
   local off = f:readLong()
   local t = torch._rawTensor(info, nil, 0)
   e.rObjects[index] = t
   local stack = e.stack
   stack[#stack + 1] = STORAGE
   local st = readValue(f, e)
   stack[#stack] = nil
   local n, reach = 1, off - 1
   for d = 1, nd do
      if sz[d] < 0 or sz[d] >= 2 ^ 53 then
         bad(pos, 'invalid size %s for dimension %d of a %s', numstr(sz[d]), d, info.tensorName)
      end
      if sd[d] < 0 or sd[d] >= 2 ^ 53 then
         bad(pos, 'invalid stride %s for dimension %d of a %s', numstr(sd[d]), d,
            info.tensorName)
      end
      n = n * sz[d]
      reach = reach + (sz[d] - 1) * sd[d]
   end
   if st ~= nil and (torch._info(st) ~= info or not torch.isStorage(st)) then
      bad(pos, 'a %s cannot use a %s as its storage', info.tensorName, torch.type(st))
   end
   if nd > 0 and n > 0 then
      if st == nil then
         bad(pos, 'a %s with %s elements has no storage', info.tensorName, numstr(n))
      end
      if off < 1 or reach >= st._n then
         bad(pos, 'a %s (offset %s, sizes %s, strides %s) reaches outside its storage ' ..
            'of %d elements', info.tensorName, numstr(off), table.concat(sz, 'x'),
            table.concat(sd, ','), st._n)
      end
   end
   if st ~= nil then
      torch._setStorage(t, st)
      t._off = math.max(off - 1, 0)
   end
   torch._setGeometry(t, nd, sz, sd)
   return t
end

local function setUpvalues(fn, upvalues, tag, e)
   for i, up in ipairs(upvalues) do
      if tag ~= TYPE_RECUR_FUNCTION then
         debug.setupvalue(fn, i, up)
      elseif type(up) == 'table' then
         debug.setupvalue(fn, i, up.value)
         if up.id ~= nil then
            local other = e.upvalueClosures[up.id]
            if other then
               debug.upvaluejoin(fn, i, other[1], other[2])
            else
               e.upvalueClosures[up.id] = { fn, i }
            end
         end
      end
   end
end

local function readFunction(f, e, tag, index, pos)
   local policy = e.opts.functions or 'refuse'
   if policy == 'refuse' then
      bad(pos, 'the file holds a serialized Lua function; loading bytecode runs code from ' ..
         "the file and is refused (pass the option functions = 'load' or 'opaque' to allow it)")
   end
   local bytecode = readStr(f, 'function bytecode')
   local fn = nil
   if policy == 'load' then fn = loadstring(bytecode) end
   local blob = nil
   if fn == nil then blob = setmetatable({ bytecode = bytecode, tag = tag }, FunctionBlob) end
   if index then e.rObjects[index] = fn or blob end
   local stack = e.stack
   stack[#stack + 1] = '<upvalues>'
   local upvalues = readValue(f, e)
   stack[#stack] = nil
   if type(upvalues) ~= 'table' then bad(pos, 'function upvalues are not a table') end
   if blob then
      blob.upvalues = upvalues
      return blob
   end
   setUpvalues(fn, upvalues, tag, e)
   return fn
end

local function readClassObject(f, e, index, pos)
   local version = readStr(f, 'class version')
   local vnum = tonumber(version:match('^V (.*)$'))
   local name = version
   if vnum then name = readStr(f, 'class name') end
   if #name == 0 or #name > 256 or name:find('[%z\1-\32\127-\255]') then
      bad(pos, 'invalid class name "%s"', printable(name:sub(1, 64)))
   end
   local info = torch._typeByName[name]
   if info == nil and torch.factory(name) == nil and CUDA[name] then
      info = CUDA[name]
      if not cudaWarned then
         cudaWarned = true
         io.stderr:write(string.format('torch.load: %s loads as %s (CUDA data load on the ' ..
            'CPU; said once)\n', name, name:find('Storage') and info.storageName or
            info.tensorName))
      end
      return name:find('Storage') and readStorage(f, e, info, index)
         or readTensor(f, e, info, index)
   end
   if info then
      if name == info.tensorName then return readTensor(f, e, info, index) end
      return readStorage(f, e, info, index)
   end
   local factory = torch.factory(name)
   local obj
   if factory == nil then
      local unknown = e.unknown
      unknown[#unknown + 1] = { name, formatPath(e.stack, #e.stack) }
      obj = setmetatable({}, genericMt(name))
      genericVersion[obj] = vnum or false
   else
      obj = factory(f)
   end
   e.rObjects[index] = obj
   local read = factory and metamethod(obj, 'read')
   if read then
      read(obj, f, vnum or 0)
   elseif type(obj) == 'table' then
      local fields = readValue(f, e)
      if type(fields) ~= 'table' then
         bad(pos, 'the fields of a %s are a %s, not a table', name, type(fields))
      end
      for k, v in pairs(fields) do obj[k] = v end
   else
      bad(pos, 'cannot load object class <%s>', name)
   end
   return obj
end

local function readTable(f, e, index)
   local pos = f:_tell()
   local n = f:readInt()
   checkCount(f, pos, n, 'table size', f:_remaining() / (f._binary and 8 or 4),
      ' (each entry takes at least 8 bytes)')
   local obj = {}
   e.rObjects[index] = obj
   local stack = e.stack
   local top = #stack + 1
   for _ = 1, n do
      stack[top] = KEY
      local kpos = f:_tell()
      local k = readValue(f, e)
      stack[top] = k
      local v = readValue(f, e)
      if k == nil or k ~= k then bad(kpos, 'a table key is %s', tostring(k)) end
      obj[k] = v
   end
   stack[top] = nil
   return obj
end

function readValue(f, e)
   local pos = f:_tell()
   local tag = f:readInt()
   if tag == TYPE_NIL then return nil end
   if tag == TYPE_NUMBER then return f:readDouble() end
   if tag == TYPE_STRING then return readStr(f, 'string') end
   if tag == TYPE_BOOLEAN then return f:readInt() == 1 end
   if tag == TYPE_FUNCTION then return readFunction(f, e, tag, nil, pos) end
   if tag ~= TYPE_TABLE and tag ~= TYPE_TORCH and tag ~= TYPE_RECUR_FUNCTION
         and tag ~= LEGACY_TYPE_RECUR_FUNCTION then
      bad(pos, 'unknown type tag %d', tag)
   end
   local ipos = f:_tell()
   local index = f:readInt()
   if index <= e.nRead and index >= 1 then
      local obj = e.rObjects[index]
      if obj == nil then bad(ipos, 'reference to object #%d, which is not complete', index) end
      return obj
   end
   if index ~= e.nRead + 1 then
      bad(ipos, 'reference index %d points to no object (%d objects read so far)', index,
         e.nRead)
   end
   e.nRead = index
   local depth = e.depth + 1
   if depth > MAX_DEPTH then bad(pos, 'objects nested deeper than %d levels', MAX_DEPTH) end
   e.depth = depth
   local obj
   if tag == TYPE_TABLE then
      obj = readTable(f, e, index)
   elseif tag == TYPE_TORCH then
      obj = readClassObject(f, e, index, pos)
   else
      obj = readFunction(f, e, tag, index, pos)
   end
   e.depth = depth - 1
   return obj
end

-- What the first bytes of a file that is not an object stream look like.
local function sniff(head)
   if head:sub(1, 4) == 'PK\3\4' then return 'a zip archive (PyTorch >= 1.6 torch.save?)' end
   if head:sub(1, 4) == '\137HDF' then return 'an HDF5 file' end
   if head:sub(1, 6) == '\147NUMPY' then return 'a numpy .npy file' end
   if head:sub(1, 2) == '\31\139' then return 'a gzip-compressed file' end
   if head:byte(1) == 0x80 and (head:byte(2) or 0) <= 5 then
      return 'a Python pickle (PyTorch legacy torch.save?)'
   end
   if head:match('^%d+\n%d') then return 'a Torch7 ascii file (load it with format \'ascii\')' end
   if #head > 0 and not head:find('[^\9\10\13\32-\126]') then
      return string.format('text (starts with %q)', head:sub(1, 24))
   end
   return nil
end

local function failure(f, e, err, start)
   local path = formatPath(e.stack, #e.stack)
   local msg, pos
   if type(err) == 'table' and err.msg then
      msg, pos = err.msg, err.pos
   else
      msg = tostring(err)
      if msg:find('read error') then msg = 'the file is truncated: ' .. msg end
   end
   if pos then msg = string.format('%s at byte offset %d', msg, pos) end
   if msg:find('stack overflow') then
      msg = 'objects nested too deeply for the Lua stack (' .. msg .. ')'
   end
   msg = string.format('%s: %s (object path: %s)', e.who or 'readObject', msg, path)
   if pos == start and f.seek then
      local here = f:_tell()
      f:_seekTo(start)
      local head = f:_readRaw(32)
      f:_seekTo(here)
      local looks = sniff(head)
      if looks then msg = msg .. '; the data looks like ' .. looks end
   end
   return msg
end

local function unknownError(e)
   local byName, names = {}, {}
   for _, u in ipairs(e.unknown) do
      local g = byName[u[1]]
      if g == nil then
         g = {}
         byName[u[1]] = g
         names[#names + 1] = u[1]
      end
      g[#g + 1] = u[2]
   end
   local parts = {}
   for _, name in ipairs(names) do
      local g = byName[name]
      local shown = table.concat(g, ', ', 1, math.min(#g, 3))
      if #g > 3 then shown = string.format('%s and %d more', shown, #g - 3) end
      parts[#parts + 1] = string.format('%s (at %s)', name, shown)
   end
   return string.format("%s: the file holds objects of classes this runtime does not know: %s " ..
      "(require the package that defines them, or load with the option " ..
      "unknownClasses = 'generic' to keep them as generic objects)", e.who or 'readObject',
      table.concat(parts, '; '))
end

--[[ Read the next object at the current position (see writeObject).
RETURN: the object ]]
function File:readObject()
   self:_checkOpen(true, false)
   local e = env(self)
   if e.rActive then return readValue(self, e) end
   e.rActive, e.stack, e.depth, e.unknown = true, {}, 0, {}
   local start = self:_tell()
   -- A load builds its result and little else: the collector would only walk the growing
   -- result again and again, so it pauses until the object is complete.
   local collecting = collectgarbage('isrunning')
   if collecting then collectgarbage('stop') end
   local ok, res = pcall(readValue, self, e)
   if collecting then collectgarbage('restart') end
   e.rActive = false
   if not ok then
      local msg = failure(self, e, res, start)
      if #e.unknown > 0 then
         msg = unknownError(e) .. '; reading could not go on past them (a class with its ' ..
            'own write format cannot be read without its code): ' .. msg
      end
      error(msg, 0)
   end
   if #e.unknown > 0 and e.opts.unknownClasses ~= 'generic' then
      error(unknownError(e), 0)
   end
   return res
end

------------------------------------------------------------------------------- methods

for _, info in ipairs(torch._allTypes) do
   --[[ Write the storage's payload (size, then the elements) to `file`. ]]
   info.storageMethods.write = function(s, file)
      writeStorage(file, s)
   end
   --[[ Read a storage payload from `file` into this storage. ]]
   info.storageMethods.read = function(s, file)
      local n = file:readLong()
      checkCount(file, file:_tell(), n, 'storage size',
         file:_remaining() / elemBytes(file, info))
      torch._resizeStorage(s, n)
      file:_readElems(info, s._data, n)
   end
end

local function tensorWrite(t, file) writeTensor(file, env(file), t) end
local function tensorRead(t, file)
   local e = env(file)
   e.nRead = e.nRead + 1
   local r = readTensor(file, e, torch._info(t), e.nRead)
   t:set(r)
end
torch._tensorMethods.write, torch._tensorMethods.read = tensorWrite, tensorRead
torch._halfMethods.write, torch._halfMethods.read = tensorWrite, tensorRead

------------------------------------------------------------------------------- save / load

local function checkMode(where, mode, allowed)
   if mode ~= nil and not allowed[mode] then
      error(string.format('%s: format must be %s (or nil), got %s', where,
         allowed.text, tostring(mode)), 3)
   end
end
local SAVE_MODES = { binary = true, ascii = true, b32 = true, b64 = true,
                     text = '"binary", "ascii", "b32" or "b64"' }

local function checkReferenced(where, referenced)
   if referenced ~= nil and type(referenced) ~= 'boolean' then
      error(where .. ': true or false (or nil) expected for referenced', 3)
   end
end

local function setMode(f, mode)
   if mode == 'b32' or mode == 'b64' then
      f:binary()
      f:longSize(mode == 'b32' and 4 or 8)
   else
      f[mode or 'binary'](f)
   end
end

--[[ Write `object` to the file `filename`.
ARGS: filename (string), object, format ('binary' (default), 'ascii', 'b32': 4-byte longs,
      'b64'), referenced (boolean, default true) ]]
function torch.save(filename, object, mode, referenced)
   checkMode('torch.save', mode, SAVE_MODES)
   checkReferenced('torch.save', referenced)
   local f = torch.DiskFile(filename, 'w')
   setMode(f, mode)
   f:referenced(referenced ~= false)
   local ok, err = pcall(f.writeObject, f, object)
   f:close()
   if not ok then error((tostring(err):gsub('^torch.DiskFile.writeObject', 'torch.save')), 2) end
end

local function loadWith(filename, mode, referenced, opts)
   local f = torch.DiskFile(filename, 'r')
   setMode(f, mode)
   f:referenced(referenced ~= false)
   local e = env(f)
   e.who, e.opts = 'torch.load', opts or {}
   local ok, res = pcall(f.readObject, f)
   f:close()
   return ok, res
end

--[[ Read the object stored in the file `filename`.
ARGS: filename (string), format ('binary' (default), 'ascii', 'b32' for files written where
      long had 4 bytes, 'b64'), referenced (boolean, default true), options (table, see
      torch.File.serializationOptions)
RETURN: the object ]]
function torch.load(filename, mode, referenced, opts)
   checkMode('torch.load', mode, SAVE_MODES)
   checkReferenced('torch.load', referenced)
   if opts ~= nil and type(opts) ~= 'table' then
      error('torch.load: options must be a table', 2)
   end
   local ok, res = loadWith(filename, mode, referenced, opts)
   if not ok and mode == nil and not res:find('does not know') and not res:find('bytecode') then
      -- A file written where long had 4 bytes fails with 8-byte longs; try that reading.
      local ok32, res32 = loadWith(filename, 'b32', referenced, opts)
      if ok32 then return res32 end
   end
   if not ok then error(res, 2) end
   return res
end

--[[ The bytes `torch.save` would write for `object`, as a string.
ARGS: object, format ('binary' (default) or 'ascii') RETURN: string ]]
function torch.serialize(object, mode)
   checkMode('torch.serialize', mode, SAVE_MODES)
   local f = torch.MemoryFile()
   setMode(f, mode)
   local ok, err = pcall(f.writeObject, f, object)
   if not ok then
      error((tostring(err):gsub('^torch.MemoryFile.writeObject', 'torch.serialize')), 2)
   end
   return f:_contents()
end

--[[ Like torch.serialize, as a torch.CharStorage. ]]
function torch.serializeToStorage(object, mode)
   return torch.CharStorage():string(torch.serialize(object, mode))
end

--[[ The object that torch.serialize turned into `str`.
ARGS: str (string), format ('binary' (default) or 'ascii'), options (table, see
      torch.File.serializationOptions) RETURN: the object ]]
function torch.deserialize(str, mode, opts)
   checkMode('torch.deserialize', mode, SAVE_MODES)
   if type(str) ~= 'string' then error('torch.deserialize: a string is expected', 2) end
   local st = torch.CharStorage(#str + 1)
   ffi.copy(st._data, str, #str)
   local f = torch.MemoryFile(st, 'r')
   setMode(f, mode)
   local e = env(f)
   e.who, e.opts = 'torch.deserialize', opts or {}
   return f:readObject()
end

--[[ Like torch.deserialize, from a torch.CharStorage. ]]
function torch.deserializeFromStorage(storage, mode, opts)
   return torch.deserialize(storage:string(), mode, opts)
end

torch.saveobj = torch.save
torch.loadobj = torch.load
