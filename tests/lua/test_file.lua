-- torch.File, torch.DiskFile, torch.MemoryFile and the object stream (writeObject /
-- readObject, torch.save / torch.load, torch.serialize / torch.deserialize).
-- luacheck: globals testFile
local tester = torch.Tester()
local tests = {}

local function tmpname()
   return os.tmpname()
end

-- Structural equality of two loaded values, tensors compared by type, geometry and values,
-- and sharing compared too: the same object on one side must be the same on the other.
local function same(a, b, map, loose)
   map = map or {}
   if type(a) ~= type(b) then return false, 'types differ' end
   if torch.isTensor(a) or torch.isStorage(a) then
      if torch.typename(a) ~= torch.typename(b) then return false, 'tensor types differ' end
      local ka, kb = torch.pointer(a), torch.pointer(b)
      if map[ka] ~= nil and not loose then return map[ka] == kb, 'sharing differs' end
      map[ka] = kb
      if torch.isStorage(a) then
         if a:size() ~= b:size() then return false, 'storage sizes differ' end
         for i = 1, a:size() do
            if a[i] ~= b[i] and not (a[i] ~= a[i] and b[i] ~= b[i]) then
               return false, 'storage values differ'
            end
         end
         return true
      end
      if a:dim() ~= b:dim() or a:storageOffset() ~= b:storageOffset() then
         return false, 'tensor geometry differs'
      end
      for d = 1, a:dim() do
         if a:size(d) ~= b:size(d) or a:stride(d) ~= b:stride(d) then
            return false, 'tensor sizes or strides differ'
         end
      end
      if (a:storage() == nil) ~= (b:storage() == nil) then return false, 'storage presence' end
      if a:storage() then return same(a:storage(), b:storage(), map, loose) end
      return true
   end
   if type(a) == 'table' then
      if map[a] ~= nil and not loose then return rawequal(map[a], b), 'table sharing differs' end
      map[a] = b
      if torch.typename(a) ~= torch.typename(b) then return false, 'classes differ' end
      local keys = {}
      for k in pairs(a) do
         if type(k) == 'table' or type(k) == 'cdata' then keys[#keys + 1] = k
         else table.insert(keys, 1, k) end
      end
      for _, k in ipairs(keys) do
         local v = a[k]
         local kb = k
         if type(k) == 'table' or type(k) == 'cdata' then kb = (not loose) and map[k] end
         if kb == nil then return false, 'table key not mapped' end
         if kb ~= false then
            local ok, why = same(v, b[kb], map, loose)
            if not ok then return false, tostring(k) .. ': ' .. tostring(why) end
         end
      end
      for k in pairs(b) do
         if type(k) ~= 'table' and type(k) ~= 'cdata' and a[k] == nil then
            return false, 'extra key ' .. tostring(k)
         end
      end
      return true
   end
   if type(a) == 'number' and a ~= a then return b ~= b, 'nan' end
   if type(a) == 'number' and a == 0 and b == 0 then return 1 / a == 1 / b, 'signed zero' end
   return a == b, string.format('%s ~= %s', tostring(a), tostring(b))
end

local function sample()
   local base = torch.range(1, 12):resize(3, 4)
   local shared = torch.DoubleStorage({ 10, 20, 30, 40, 50, 60 })
   local obj = {
      int = 42, neg = -7, float = -3.25, huge = 2 ^ 53, tiny = 5e-324, inf = math.huge,
      minf = -math.huge, nz = -0.0, str = 'hello', empty = '', bin = 'a\0b\255c\n\r',
      yes = true, no = false, nested = { a = { b = { c = 'deep' } } }, list = { 1, 2, 3 },
      [1] = 'one', [2.5] = 'two and a half', [-3] = 'minus three', [true] = 'bool key',
      base = base, tr = base:t(), nar = base:narrow(2, 2, 2), row = base:select(1, 2),
      expanded = torch.range(1, 3):view(3, 1):expand(3, 4),
      a = torch.DoubleTensor(shared, 1, torch.LongStorage({ 2, 2 })),
      b = torch.DoubleTensor(shared, 3, torch.LongStorage({ 2, 2 }), torch.LongStorage({ 1, 2 })),
      shared = shared, emptyT = torch.FloatTensor(),
   }
   obj.self = obj
   obj[obj.nested] = 'table key'
   for _, T in ipairs(torch._typeList) do
      local t = torch[T.name .. 'Tensor'](2, 3)
      for i = 1, 2 do for j = 1, 3 do t[i][j] = (i * 3 + j) * (T.name == 'Byte' and 1 or -1) end end
      obj[T.name] = t
      obj[T.name .. 'S'] = torch[T.name .. 'Storage']({ 1, 2, 3 })
   end
   obj.Half = torch.HalfTensor(2)
   return obj
end

-- The keys of table `t` in the order writeObject writes them.
local function writtenKeys(t)
   local f = torch.MemoryFile()
   f:writeObject(t)
   f:seek(1)
   tester:eq(f:readInt(), 3, 'a table')
   f:readInt()
   local keys = {}
   for i = 1, f:readInt() do
      keys[i] = f:readObject()
      f:readObject()
   end
   return keys
end

function tests.tableKeysAreWrittenInOneOrder()
   -- the same contents built in different orders and sizes give the same bytes: 1..n, then
   -- numbers, strings and booleans sorted
   local a = { 'p', 'q', x = 1, y = 2, [2.5] = 'h', [-1] = 'm', [true] = 't', [false] = 'f' }
   local b = {}
   for i = 1, 40 do b['tmp' .. i] = i end        -- grow the hash part, then empty it
   for i = 1, 40 do b['tmp' .. i] = nil end
   b[false], b.y, b[-1], b[true], b.x, b[2.5] = 'f', 2, 'm', 't', 1, 'h'
   b[2], b[1] = 'q', 'p'
   tester:eq(torch.serialize(a), torch.serialize(b))
   tester:eq(writtenKeys(a), { 1, 2, -1, 2.5, 'x', 'y', false, true })
   -- many keys take the other sorting path
   local wide, want = {}, {}
   for i = 60, 1, -1 do wide[string.format('k%02d', i)] = i end
   for i = 1, 60 do want[i] = string.format('k%02d', i) end
   tester:eq(writtenKeys(wide), want)
end

-- Big storages of several types, views and sharing among them, and small values.
local function bigSample()
   local obj = { note = 'mapped', small = torch.range(1, 5) }
   for _, name in ipairs({ 'Double', 'Float', 'Long', 'Int', 'Short', 'Byte', 'Char' }) do
      local t = torch[name .. 'Tensor'](300, 120)
      t:copy(torch.range(1, t:nElement()):remainder(101):resizeAs(t))
      obj[name] = t
      obj[name .. 'View'] = t:narrow(1, 5, 7):t()
   end
   obj.Half = torch.HalfTensor(40000):copy(torch.FloatTensor(40000):fill(1.5))
   obj.shared = obj.Float:select(2, 3)
   return obj
end

function tests.mappedLoadsEqualReadLoads()
   local path = tmpname()
   local obj = bigSample()
   for _, mode in ipairs({ 'binary', 'b32' }) do   -- (test_t7_python checks the mapping)
      torch.save(path, obj, mode)
      local read = torch.load(path, mode)
      local mapped = torch.load(path, mode, nil, { mmap = true })
      local ok, why = same(read, mapped)
      tester:assert(ok, mode .. ': ' .. tostring(why))
      -- math on the (possibly unaligned) mapped data
      tester:eq(mapped.Double:sum(), read.Double:sum())
      tester:eq(mapped.FloatView:clone():mul(2):sum(), read.FloatView:clone():mul(2):sum())
   end
   os.remove(path)
end

function tests.mappedChangesNeverReachTheFile()
   local path = tmpname()
   torch.save(path, bigSample())
   local before = torch.load(path)
   local mapped = torch.load(path, nil, nil, { mmap = true })
   mapped.Double:fill(-1)
   mapped.Float:storage():resize(10)      -- a mapped storage can be resized (it is copied)
   mapped.Float:storage():fill(7)
   tester:eq(mapped.Float:storage():size(), 10)
   local ok, why = same(before, torch.load(path))
   tester:assert(ok, tostring(why))
   os.remove(path)
end

function tests.mappedTruncatedFilesFailAsReadOnes()
   local path, cut = tmpname(), tmpname()
   torch.save(path, bigSample())
   local f = io.open(path, 'rb')
   local bytes = f:read('*a')
   f:close()
   f = io.open(cut, 'wb')
   f:write(bytes:sub(1, math.floor(#bytes / 2)))
   f:close()
   local ok1, e1 = pcall(torch.load, cut)
   local ok2, e2 = pcall(torch.load, cut, nil, nil, { mmap = true })
   tester:assert(not ok1 and not ok2, 'both fail')
   tester:assert(tostring(e1):find('bytes left in the file', 1, true) ~= nil, tostring(e1))
   tester:eq(tostring(e2), tostring(e1))
   os.remove(path)
   os.remove(cut)
end

function tests.roundTripsEveryKindOfValue()
   local obj = sample()
   for _, mode in ipairs({ 'binary', 'ascii', 'b32', 'b64' }) do
      for _, ref in ipairs({ true, false }) do
         if ref or mode == 'binary' then
            local name = tmpname()
            local o = ref and obj or sample()
            if not ref then o.self = nil end
            torch.save(name, o, mode, ref)
            local r = torch.load(name, mode, ref)
            os.remove(name)
            local ok, why = same(o, r, nil, not ref)
            tester:assert(ok, string.format('%s referenced=%s: %s', mode, tostring(ref), why))
         end
      end
      local r = torch.deserialize(torch.serialize(obj, mode), mode)
      local ok, why = same(obj, r)
      tester:assert(ok, 'serialize ' .. mode .. ': ' .. tostring(why))
   end
end

function tests.sharingIsKeptOnlyWhenReferenced()
   local t = torch.Tensor(3):fill(1)
   local r = torch.deserialize(torch.serialize({ t, t, t:storage() }))
   tester:assert(rawequal(r[1], r[2]), 'one tensor written once loads as one tensor')
   tester:assert(r[1]:storage() == r[3], 'its storage is the storage written beside it')
   local f = torch.MemoryFile():binary():referenced(false)
   f:writeObject({ t, t })
   local s = f:storage():string():sub(1, -2)
   local u = torch.deserialize(s)
   tester:assert(not rawequal(u[1], u[2]), 'unreferenced writes give two tensors')
   tester:assert(u[1]:storage() ~= u[2]:storage(), 'with two storages')
end

function tests.topLevelScalarsRoundTrip()
   for _, v in ipairs({ 3.25, 'just a string', true, false, 0, -1e300 }) do
      tester:eq(torch.deserialize(torch.serialize(v)), v)
      tester:eq(torch.deserialize(torch.serialize(v, 'ascii'), 'ascii'), v)
   end
   tester:assert(torch.deserialize(torch.serialize(nil)) == nil, 'nil round trips')
end

function tests.binaryLayoutMatchesTorch7()
   local s = torch.serialize(torch.DoubleTensor({ 1.5 }))
   local expect = '\4\0\0\0' .. '\1\0\0\0' .. '\3\0\0\0V 1' .. '\18\0\0\0torch.DoubleTensor'
      .. '\1\0\0\0' .. '\1\0\0\0\0\0\0\0' .. '\1\0\0\0\0\0\0\0' .. '\1\0\0\0\0\0\0\0'
      .. '\4\0\0\0' .. '\2\0\0\0' .. '\3\0\0\0V 1' .. '\19\0\0\0torch.DoubleStorage'
      .. '\1\0\0\0\0\0\0\0' .. '\0\0\0\0\0\0\248\63'
   tester:eq(s, expect)
end

function tests.asciiLayoutMatchesTorch7()
   local s = torch.serialize({ x = 0.1 }, 'ascii')
   tester:eq(s, '3\n1\n1\n2\n1\nx\n1\n0.10000000000000001\n')
   local f = torch.MemoryFile():ascii()
   f:writeFloat(0.1)
   f:writeInt(torch.IntStorage({ 1, -2, 3 }))
   f:writeLong(-4294967296)
   f:writeChar(torch.CharStorage():string('ab'))
   tester:eq(f:storage():string():sub(1, -2), '0.100000001\n1 -2 3\n-4294967296\nab\n')
end

function tests.typedReadsAndWritesWithCountsAndStorages()
   local f = torch.MemoryFile():binary()
   f:writeInt(7)
   f:writeDouble(torch.DoubleStorage({ 1.5, 2.5 }))
   f:writeByte(255)
   f:writeShort(-3)
   f:writeFloat(0.5)
   f:writeChar(65)
   f:writeBool(true)
   f:writeString('tail\0end')
   f:seek(1)
   tester:eq(f:readInt(), 7)
   local d = f:readDouble(2)
   tester:eq(torch.typename(d), 'torch.DoubleStorage')
   tester:eq(d[2], 2.5)
   tester:eq(f:readByte(), 255)
   tester:eq(f:readShort(), -3)
   tester:eq(f:readFloat(), 0.5)
   tester:eq(f:readChar(), 65)
   tester:eq(f:readBool(), true)
   tester:eq(f:readString('*a'), 'tail\0end')
   f:seek(5)
   local into = torch.DoubleStorage(2)
   tester:eq(f:readDouble(into), 2)
   tester:eq(into[1], 1.5)
end

function tests.positionSeekAndEnd()
   local f = torch.MemoryFile():binary()
   tester:eq(f:position(), 1)
   f:writeLong(1)
   tester:eq(f:position(), 9)
   f:seek(1)
   tester:eq(f:position(), 1)
   f:seekEnd()
   tester:eq(f:position(), 9)
   tester:assertErrorPattern(function() f:seek(100) end, 'unable to seek')
   f:quiet()
   f:seek(100)
   tester:assert(f:hasError(), 'a failed seek sets the error flag in quiet mode')
   f:clearError()
   tester:assert(not f:hasError(), 'clearError clears it')
end

function tests.shortReadsRaiseOrSetTheErrorFlag()
   local f = torch.MemoryFile():binary()
   f:writeInt(1)
   f:seek(1)
   f:readInt()
   tester:assertErrorPattern(function() f:readInt() end, 'read error')
   f:quiet()
   f:readDouble()
   tester:assert(f:hasError(), 'quiet files set hasError')
end

function tests.readLineAndReadAll()
   local f = torch.MemoryFile()
   f:writeString('first line\nsecond\n')
   f:seek(1)
   tester:eq(f:readString('*l'), 'first line')
   tester:eq(f:readString('*l'), 'second')
   f:seek(1)
   tester:eq(f:readString('*a'), 'first line\nsecond\n')
end

function tests.diskFileModesAndFlags()
   local name = tmpname()
   local f = torch.DiskFile(name, 'w')
   tester:assert(not f:isBinary(), 'a DiskFile starts in ascii mode, as in Torch7')
   tester:assert(f:isWritable() and not f:isReadable(), 'mode w')
   f:binary()
   f:writeInt(12345)
   f:writeString('\0\1\2\255')
   f:close()
   tester:assertErrorPattern(function() f:writeInt(1) end, 'closed file')
   local g = torch.DiskFile(name, 'r'):binary()
   tester:eq(g:readInt(), 12345)
   tester:eq(g:readString('*a'), '\0\1\2\255')
   tester:assertErrorPattern(function() g:writeInt(1) end, 'read%-only')
   g:close()
   local h = torch.DiskFile(name, 'rw'):binary()
   h:seekEnd()
   h:writeInt(9)
   h:seek(1)
   tester:eq(h:readInt(), 12345)
   h:close()
   os.remove(name)
   tester:assert(torch.DiskFile('/nonexistent/dir/x.t7', 'r', true) == nil,
      'a quiet DiskFile that cannot open gives nil')
   tester:assertErrorPattern(function() torch.DiskFile('/nonexistent/dir/x.t7') end,
      'cannot open')
end

-- DiskFile reads through a 64 KiB read-ahead window: values straddling its edge, writes
-- and seeks in between reads, ascii tokens across it and strings longer than it.
function tests.readsAcrossTheReadAheadWindow()
   local name = tmpname()
   local f = torch.DiskFile(name, 'w'):binary()
   for i = 1, 20000 do f:writeInt(i) end          -- 80,000 bytes, past one window
   f:writeChar(torch.CharStorage(70000):fill(7))
   f:close()
   f = torch.DiskFile(name, 'r'):binary()
   local ok = true
   for i = 1, 20000 do ok = ok and f:readInt() == i end
   tester:assert(ok, 'ints read one by one across the window edge')
   tester:eq(f:readChar(70000):size(), 70000)
   f:seek(1)
   tester:eq(f:readInt(), 1)
   f:close()
   tester:assert(not pcall(function() return f:readInt() end), 'a closed file reads nothing')

   f = torch.DiskFile(name, 'rw'):binary()
   f:seek(1)
   tester:eq(f:readInt(), 1)
   f:writeInt(-2)                                 -- overwrites the second int
   tester:eq(f:readInt(), 3)
   f:seek(16381 * 4 + 1)                          -- mixed reads and writes after a seek
   tester:eq(f:readInt(), 16382)
   f:writeInt(-16383)
   tester:eq(f:readInt(), 16384)
   tester:eq(f:readInt(), 16385)
   f:seek(1)
   tester:eq(f:readInt(), 1)
   tester:eq(f:readInt(), -2)
   f:seek(16382 * 4 + 1)
   tester:eq(f:readInt(), -16383)
   tester:eq(f:position(), 16383 * 4 + 1)
   f:close()

   -- a leading byte misaligns every later value, so some straddle two windows
   f = torch.DiskFile(name, 'w'):binary()
   f:writeByte(9)
   for i = 1, 12000 do f:writeInt(i); f:writeDouble(i + 0.5); f:writeLong(-i) end
   f:close()
   f = torch.DiskFile(name, 'r'):binary()
   tester:eq(f:readByte(), 9)
   ok = true
   for i = 1, 12000 do
      ok = ok and f:readInt() == i and f:readDouble() == i + 0.5 and f:readLong() == -i
   end
   tester:assert(ok, 'misaligned ints, doubles and longs read across window edges')
   f:close()
   local strs = {}
   for i = 1, 3000 do strs[i] = string.rep(string.char(65 + i % 26), 37) .. i end
   torch.save(name, strs)
   tester:eq(torch.load(name), strs, 'short strings read across window edges')

   f = torch.DiskFile(name, 'w')                   -- ascii: tokens read byte by byte
   for i = 1, 20000 do f:writeInt(i * 7) end
   f:close()
   f = torch.DiskFile(name, 'r')
   ok = true
   for i = 1, 20000 do ok = ok and f:readInt() == i * 7 end
   tester:assert(ok, 'ascii ints across the window edge')
   f:close()

   local long = string.rep('0123456789', 20000)   -- 200,000 bytes
   torch.save(name, {long, 'short', long .. '!'})
   local back = torch.load(name)
   tester:eq(back[1], long)
   tester:eq(back[2], 'short')
   tester:eq(back[3], long .. '!')
   os.remove(name)
end

function tests.longSizeFourWritesAndReadsFourBytes()
   local f = torch.MemoryFile():binary():longSize(4)
   f:writeLong(-5)
   f:writeLong(torch.LongStorage({ 1, -2 }))
   tester:eq(f:position(), 13)
   f:seek(1)
   tester:eq(f:readLong(), -5)
   local s = f:readLong(2)
   tester:eq(s[2], -2)
end

function tests.bigEndianEncodingSwapsBytes()
   local f = torch.MemoryFile():binary():bigEndianEncoding()
   f:writeInt(1)
   f:writeDouble(torch.DoubleStorage({ 2.5 }))
   tester:eq(f:storage():string():sub(1, 4), '\0\0\0\1')
   f:seek(1)
   tester:eq(f:readInt(), 1)
   tester:eq(f:readDouble(), 2.5)
end

function tests.memoryFileOverAStorage()
   local st = torch.CharStorage():string(torch.serialize({ 1, 2 }) .. '\0')
   local f = torch.MemoryFile(st, 'r'):binary()
   tester:eq(f:readObject()[2], 2)
   tester:assertErrorPattern(function() torch.MemoryFile(torch.CharStorage():string('ab')) end,
      'terminated by 0')
end

function tests.classesWithAndWithoutReadWrite()
   if not torch.getmetatable('testFile.Plain') then
      local Plain = torch.class('testFile.Plain')
      function Plain:__init(x) self.x = x end
      local Custom = torch.class('testFile.Custom')
      Custom.__version = 3
      function Custom:write(f) f:writeInt(self.v * 2) end
      function Custom:read(f, version) self.v = f:readInt() / 2; self.version = version end
   end
   local p = testFile.Plain({ 1, 2 })
   p.me = p
   local c = testFile.Custom()
   c.v = 21
   local r = torch.deserialize(torch.serialize({ p = p, c = c, c2 = c }))
   tester:eq(torch.typename(r.p), 'testFile.Plain')
   tester:eq(r.p.x[2], 2)
   tester:assert(rawequal(r.p.me, r.p), 'a self reference comes back')
   tester:eq(r.c.v, 21)
   tester:eq(r.c.version, 3)
   tester:assert(rawequal(r.c, r.c2), 'a shared object stays shared')
   tester:assert(torch.serialize(c):find('V 3', 1, true), 'the class version is written')
end

function tests.unknownClassesErrorOrLoadAsGenericObjects()
   if not torch.getmetatable('testFile.Gone') then torch.class('testFile.Gone') end
   local g = testFile.Gone()
   g.w = torch.Tensor(2):fill(3)
   -- A class name no runtime defines (same length, so the stream stays valid).
   local s = torch.serialize({ model = { modules = { 1, 2, g } } }):gsub('testFile%.Gone',
      'testFile.Gonx')
   tester:assertErrorPattern(function() torch.deserialize(s) end,
      'testFile%.Gonx %(at model%.modules%[3%]%)')
   local r = torch.deserialize(s, nil, { unknownClasses = 'generic' })
   local o = r.model.modules[3]
   tester:eq(torch.typename(o), 'testFile.Gonx')
   tester:assert(torch.isGenericObject(o), 'it is a generic object')
   tester:eq(o.w[2], 3)
   tester:eq(torch.serialize(r), s)
end

function tests.functionsAreRefusedByDefault()
   local upv = 5
   local s = torch.serialize({ f = function(x) return x + upv end })
   tester:assertErrorPattern(function() torch.deserialize(s) end, 'serialized Lua function')
   local r = torch.deserialize(s, nil, { functions = 'load' })
   tester:eq(r.f(1), 6)
   local b = torch.deserialize(s, nil, { functions = 'opaque' })
   tester:eq(type(b.f), 'table')
   -- the blob saves back byte for byte (the tables around it may list their keys in another
   -- order: LuaJIT seeds its string hashes per process)
   local again = torch.deserialize(torch.serialize(b), nil, { functions = 'opaque' })
   tester:eq(again.f.bytecode, b.f.bytecode)
   tester:eq(again.f.tag, b.f.tag)
   tester:eq(torch.deserialize(torch.serialize(b), nil, { functions = 'load' }).f(2), 7)
end

function tests.unwritableValuesNameTheirPath()
   local co = coroutine.create(print)
   tester:assertErrorPattern(function() torch.serialize({ a = { b = co } }) end,
      'Unwritable object <thread> at a%.b')
end

function tests.tensorsLoadWithTheirGeometry()
   local base = torch.range(1, 12):resize(3, 4)
   local r = torch.deserialize(torch.serialize({ base:t(), base:narrow(2, 2, 2), base }))
   tester:eq(r[1]:stride(1), 1)
   tester:eq(r[1]:stride(2), 4)
   tester:eq(r[2]:storageOffset(), 2)
   tester:assert(r[1]:storage() == r[3]:storage(), 'views share the storage')
   tester:eq(r[2][3][2], 11)
end

-- `s` with the first plain occurrence of `a` replaced by `b`.
local function replace(s, a, b)
   local i, j = s:find(a, 1, true)
   return s:sub(1, i - 1) .. b .. s:sub(j + 1)
end

function tests.cudaTensorsLoadOnTheCpu()
   local s = torch.serialize(torch.FloatTensor({ 1.5, 2.5 }))
   s = replace(s, '\17\0\0\0torch.FloatTensor', '\16\0\0\0torch.CudaTensor')
   s = replace(s, '\18\0\0\0torch.FloatStorage', '\17\0\0\0torch.CudaStorage')
   local t = torch.deserialize(s)
   tester:eq(torch.typename(t), 'torch.FloatTensor')
   tester:eq(t[2], 2.5)
end

function tests.filesWithoutVersionStringsLoad()
   local s = replace(torch.serialize(torch.DoubleStorage({ 7 })), '\3\0\0\0V 1', '')
   tester:eq(torch.deserialize(s)[1], 7)
end

for name, f in pairs(tests) do tester:add(f, name) end
return tester
