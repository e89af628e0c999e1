-- torch.XStorage for the seven element types: a 1-D block of elements with
-- 1-based access. Small storages live in calloc'ed memory; large ones (and any a
-- kernel needs) in a numpy array, reached from Lua through an FFI pointer.
local torch = ...
local ffi = require 'ffi'
local C = ffi.C
local K = torch._bridge.K

local SMALL_BYTES = 16384         -- at most this many bytes stay in calloc memory
local GC_EVERY = 128 * 2 ^ 20     -- run full collections after this many new array bytes

local arrays = {}       -- storage id -> numpy array owning the memory (kind 1)
local bases = setmetatable({}, { __mode = 'k' })  -- view storage -> storage it borrows from
torch._arrays = arrays

local nextId = 0
local pending = 0
local heapTracking = true

local function account(bytes)
   if not heapTracking then return end
   pending = pending + bytes
   if pending > GC_EVERY then
      pending = 0
      -- Three passes: dead tensors drop their storages in the first (weak-keyed side
      -- tables), storages are finalized in the second, and their arrays freed in the third.
      collectgarbage('collect')
      collectgarbage('collect')
      collectgarbage('collect')
   end
end

local function storageFree(s)
   local id = s._id
   if s._kind == 0 and s._data ~= nil then
      C.free(s._data)
   end
   s._data = nil
   arrays[id] = nil
end

local function check(n, where)
   if type(n) ~= 'number' or n ~= n or n < 0 or n ~= math.floor(n) or n >= 2 ^ 53 then
      error(string.format('%s: invalid storage size %s', where, tostring(n)), 3)
   end
end

--[[ Allocate a storage of type T with n zeroed elements. ]]
function torch._newStorage(T, n)
   check(n, T.storageName)
   nextId = nextId + 1
   local s = ffi.gc(T.storageCT(), storageFree)
   s._id = nextId
   s._n = n
   if T.isHalf then s._flags = 1 end
   local bytes = n * T.size
   if bytes <= SMALL_BYTES then
      s._kind = 0
      s._data = ffi.cast(T.ptrType, C.calloc(math.max(n, 1), T.size))
   else
      local arr, addr = K.storage_alloc(T.name, n)
      arrays[nextId] = arr
      s._kind = 1
      s._data = ffi.cast(T.ptrType, addr)
   end
   account(bytes)
   return s
end

--[[ Wrap a 1-D contiguous numpy array (or a view of one) as a storage sharing its memory. ]]
function torch._storageFromArray(T, arr)
   local a, addr, n = K.storage_from_buffer(arr)
   nextId = nextId + 1
   local s = ffi.gc(T.storageCT(), storageFree)
   s._id = nextId
   s._n = n
   if T.isHalf then s._flags = 1 end
   s._kind = 1
   s._data = ffi.cast(T.ptrType, addr)
   arrays[nextId] = a
   return s
end

--[[ The numpy array holding storage `s`. A small storage's calloc'ed block is handed over to
a numpy array that frees it when the array goes, so the memory never moves and FFI pointers
taken earlier stay valid. ]]
function torch._storageArray(s)
   local id = s._id
   local a = arrays[id]
   if a ~= nil then return a end
   local T = torch._info(s)
   local addr = tonumber(ffi.cast('intptr_t', s._data))
   arrays[id] = K.storage_adopt(T.name, addr, s._n)
   s._kind = 1
   return arrays[id]
end

--[[ Resize storage `s` in place to n elements, keeping the first min(n, old) elements. ]]
function torch._resizeStorage(s, n)
   check(n, 'resize')
   local T = torch._info(s)
   if n == s._n then return s end
   if bases[s] then
      error(string.format('%s.resize: cannot resize a storage that views another storage',
         T.storageName), 3)
   end
   local keep = math.min(n, s._n)
   if n * T.size <= SMALL_BYTES and s._kind == 0 then
      local mem = ffi.cast(T.ptrType, C.calloc(math.max(n, 1), T.size))
      if keep > 0 then C.memcpy(mem, s._data, keep * T.size) end
      C.free(s._data)
      s._data = mem
   else
      local old = torch._storageArray(s)
      local arr, addr = K.storage_resize(old, n)
      arrays[s._id] = arr
      s._data = ffi.cast(T.ptrType, addr)
      account(n * T.size)
   end
   s._n = n
   return s
end

--[[ A storage sharing `count` elements of `base` from 1-based `offset` on. ]]
function torch._storageView(base, offset, count)
   local T = torch._info(base)
   if offset < 1 or count < 0 or offset - 1 + count > base._n then
      error(string.format('%s: view [%d, %d] is outside a storage of size %d',
         T.storageName, offset, offset + count - 1, base._n), 3)
   end
   local arr = torch._storageArray(base)
   local view = K.array_slice(arr, offset - 1, offset - 1 + count)
   local s = torch._storageFromArray(T, view)
   bases[s] = base
   return s
end


--[[ Turn on or off the accounting of array memory that triggers Lua garbage collections
(Torch7's heap tracking). It is on by default. ]]
function torch.setheaptracking(on)
   heapTracking = on and true or false
   torch._heaptracking = heapTracking
end
torch._heaptracking = heapTracking
