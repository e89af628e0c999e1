-- Methods of torch.XStorage: constructors, element access, fill, copy, resize, conversions.
local torch = ...
local ffi = require 'ffi'
local C = ffi.C

local function storageError(T, fmt, ...)
   error(T.storageName .. ': ' .. string.format(fmt, ...), 3)
end

local function defineStorage(T)
   local methods = { __typename = T.storageName, _T = T }
   T.storageMethods = methods
   local newStorage = torch._newStorage

   local function get(s, i)
      if type(i) ~= 'number' or i < 1 or i > s._n or i ~= math.floor(i) then
         storageError(T, 'index %s out of bounds (size %d)', tostring(i), s._n)
      end
      if s._flags == 1 then return torch._halfToNumber(s._data[i - 1]) end
      return tonumber(s._data[i - 1])
   end

   local mt = {
      __index = function(s, k)
         local m = methods[k]
         if m ~= nil then return m end
         if type(k) == 'number' then return get(s, k) end
         return nil
      end,
      __newindex = function(s, k, v)
         if type(k) ~= 'number' or k < 1 or k > s._n or k ~= math.floor(k) then
            storageError(T, 'index %s out of bounds (size %d)', tostring(k), s._n)
         end
         if type(v) ~= 'number' then storageError(T, 'a number is expected as value') end
         if s._flags == 1 then v = torch._numberToHalf(v) end
         s._data[k - 1] = v
      end,
      __len = function(s) return s._n end,
      __tostring = function(s) return methods.__tostring__(s) end,
      __eq = function(a, b) return torch._sameObject(a, b) end,
   }
   ffi.metatype(T.storageCT, mt)

   local function new(a, b, c)
      if a == nil then return newStorage(T, 0) end
      if type(a) == 'number' then return newStorage(T, a) end
      if type(a) == 'table' then
         local s = newStorage(T, #a)
         for i = 1, #a do
            if type(a[i]) ~= 'number' then
               storageError(T, 'element %d of the table is a %s, not a number', i, type(a[i]))
            end
            s._data[i - 1] = T.isHalf and torch._numberToHalf(a[i]) or a[i]
         end
         return s
      end
      if torch.isStorage(a) then
         if not rawequal(torch._info(a), T) then
            storageError(T, 'a view storage must have the same type (got %s)', torch.typename(a))
         end
         local offset = b or 1
         local count = c or (a._n - offset + 1)
         return torch._storageView(a, offset, count)
      end
      if type(a) == 'string' then
         storageError(T, 'memory-mapped files are not supported (%s)', a)
      end
      storageError(T, 'expected nothing, a size, a table or (storage, offset, size); got %s',
         type(a))
   end

   -- The trace LuaJIT 2.1 (the one lupa 2.8 bundles) compiles for this constructor's entry
   -- can call lj_tab_newkey with a null lua_State and crash; constructing runs interpreted.
   jit.off(new)

   local ct = setmetatable({}, {
      __index = methods, __newindex = methods,
      __call = function(_, ...) return new(...) end,
      __tostring = function() return T.storageName end,
   })
   methods.__constructor = ct
   methods.new = function(...) return new(...) end
   local parts = {}
   for p in T.storageName:gmatch('[^%.]+') do parts[#parts + 1] = p end
   torch[parts[2]] = ct
   torch._registerMetatable(T.storageName, methods, function() return newStorage(T, 0) end)

   function methods.size(s) return s._n end
   function methods.elementSize() return T.size end
   function methods.fill(s, v)
      if T.isHalf then v = torch._numberToHalf(v) end
      for i = 0, s._n - 1 do s._data[i] = v end
      return s
   end
   function methods.resize(s, n)
      return torch._resizeStorage(s, n)
   end
   function methods.copy(s, src)
      if torch.isTensor(src) then src = src:contiguous():storage() or newStorage(T, 0) end
      if not torch.isStorage(src) then storageError(T, 'copy expects a storage') end
      if src._n ~= s._n then
         storageError(T, 'copy between storages of different sizes (%d and %d)', s._n, src._n)
      end
      if rawequal(torch._info(src), T) then
         C.memmove(s._data, src._data, s._n * T.size)
      elseif s._n <= 4096 and not T.isHalf and not torch._info(src).isHalf
            and not torch._brokenStore(T, torch._info(src)) then
         local d, sd = s._data, src._data
         for i = 0, s._n - 1 do d[i] = sd[i] end
      else
         torch._bridge.K.storage_copy(torch._storageArray(s), torch._storageArray(src))
      end
      return s
   end
   function methods.totable(s)
      local t = {}
      for i = 1, s._n do t[i] = s[i] end
      return t
   end
   function methods.type(s, name)
      if name == nil then return T.storageName end
      local U = torch._typeByName[name]
      if not U then storageError(T, 'unknown type %s', tostring(name)) end
      if rawequal(U, T) then return s end
      return torch[U.name .. 'Storage'](s._n):copy(s)
   end
   for _, U in ipairs(torch._allTypes) do
      methods[U.name:lower()] = function(s) return s:type(U.storageName) end
   end
   function methods.data(s) return s._data end
   function methods.cdata(s) return s end
   function methods.retain(s) return s end
   function methods.free(s) return s end
   function methods.isShared() return false end
   if T.name == 'Byte' or T.name == 'Char' then
      function methods.string(s, str)
         if str == nil then return ffi.string(s._data, s._n) end
         torch._resizeStorage(s, #str)
         if #str > 0 then ffi.copy(s._data, str, #str) end
         return s
      end
   end
end

for _, T in ipairs(torch._allTypes) do defineStorage(T) end
