-- Reading Torch7's object stream (see serialize.lua for the format): File:readObject and
-- a reader for every kind of value. Every count is checked against the bytes left in the
-- file, so a damaged file gives an error with its byte offset and object path.
local torch = ...
local File = torch.getmetatable('torch.File')
local S = torch._serialization
local TYPE_NIL, TYPE_NUMBER, TYPE_STRING, TYPE_TABLE = S.TYPE_NIL, S.TYPE_NUMBER,
   S.TYPE_STRING, S.TYPE_TABLE
local TYPE_TORCH, TYPE_BOOLEAN, TYPE_FUNCTION = S.TYPE_TORCH, S.TYPE_BOOLEAN, S.TYPE_FUNCTION
local TYPE_RECUR_FUNCTION, LEGACY_TYPE_RECUR_FUNCTION = S.TYPE_RECUR_FUNCTION,
   S.LEGACY_TYPE_RECUR_FUNCTION
local MAX_DEPTH, KEY, STORAGE, CUDA, longbuf = S.MAX_DEPTH, S.KEY, S.STORAGE, S.CUDA, S.longbuf
local genericMt, genericVersion, FunctionBlob = S.genericMt, S.genericVersion, S.FunctionBlob
local env, formatPath, printable, metamethod = S.env, S.formatPath, S.printable, S.metamethod
local Long = torch._types.Long
local K = torch._bridge.K
local cudaWarned = false

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

-- Storages of at least this many bytes view a mapped file (torch.load's `mmap` option).
local MAP_MIN = 65536

local function readStorage(f, e, info, index)
   local pos = f:_tell()
   local n = f:readLong()
   local bytes = elemBytes(f, info)
   checkCount(f, pos, n, info.storageName .. ' size', f:_remaining() / bytes,
      string.format(' (%d bytes per element)', bytes))
   if e.map ~= nil and n * info.size >= MAP_MIN and f._native and bytes == info.size then
      local start = f:_tell()
      local s = torch._storageFromArray(info, K.map_storage(e.map, start, n, info.name))
      e.rObjects[index] = s
      f:_seekTo(start + n * info.size)
      return s
   end
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

S.readTensor, S.checkCount, S.elemBytes = readTensor, checkCount, elemBytes
