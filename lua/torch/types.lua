-- The seven Torch7 element types and the C layouts of their storages and tensors.
-- A storage or tensor is a LuaJIT FFI struct (like TH's C structs), so geometry
-- reads compile to plain loads. Element memory lives in a numpy array (held in
-- `torch._arrays`) or, for small storages, in calloc'ed memory; never in ffi.new memory.
local torch = ...
local ffi = require 'ffi'

torch.MAXDIM = 16

ffi.cdef [[
void *calloc(size_t nmemb, size_t size);
void free(void *ptr);
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
]]

local TYPES = {
   { name = 'Double', ctype = 'double', isint = false, size = 8 },
   { name = 'Float', ctype = 'float', isint = false, size = 4 },
   { name = 'Long', ctype = 'int64_t', isint = true, size = 8, min = -2^63, max = 2^63 - 1 },
   { name = 'Int', ctype = 'int32_t', isint = true, size = 4, min = -2^31, max = 2^31 - 1 },
   { name = 'Short', ctype = 'int16_t', isint = true, size = 2, min = -2^15, max = 2^15 - 1 },
   { name = 'Char', ctype = 'int8_t', isint = true, size = 1, min = -128, max = 127 },
   { name = 'Byte', ctype = 'uint8_t', isint = true, size = 1, min = 0, max = 255 },
}
-- torch.HalfTensor: IEEE half precision, stored as raw 16-bit words. As in Torch7 it has
-- geometry, views, copies and conversions but no math.
local HALF = { name = 'Half', ctype = 'uint16_t', isint = false, isHalf = true, size = 2 }

local template = [[
typedef struct TH@NStorage { @C *_data; double _n; double _id; int32_t _kind; int32_t _flags; }
   TH@NStorage;
typedef struct TH@NTensor { TH@NStorage *_st; double _off; int32_t _nd; int32_t _flags;
                           double _sz[16]; double _sd[16]; } TH@NTensor;
]]

torch._types = {}        -- 'Double' -> type info
torch._typeByName = {}   -- 'torch.DoubleTensor' / 'torch.DoubleStorage' -> type info
torch._ctypeInfo = {}    -- ctype id (struct or pointer) -> {info, kind = 'tensor'|'storage'}

local ALL = { TYPES[1], TYPES[2], HALF, TYPES[3], TYPES[4], TYPES[5], TYPES[6], TYPES[7] }
for _, T in ipairs(ALL) do
   ffi.cdef((template:gsub('@N', T.name):gsub('@C', T.ctype)))
   T.tensorName = 'torch.' .. T.name .. 'Tensor'
   T.storageName = 'torch.' .. T.name .. 'Storage'
   T.ptrType = ffi.typeof(T.ctype .. ' *')
   T.storageCT = ffi.typeof('TH' .. T.name .. 'Storage')
   T.tensorCT = ffi.typeof('TH' .. T.name .. 'Tensor')
   T.storagePtrCT = ffi.typeof('TH' .. T.name .. 'Storage *')
   T.tensorPtrCT = ffi.typeof('TH' .. T.name .. 'Tensor *')
   torch._types[T.name] = T
   torch._typeByName[T.tensorName] = T
   torch._typeByName[T.storageName] = T
   torch._ctypeInfo[tonumber(T.storageCT)] = { T, 'storage' }
   torch._ctypeInfo[tonumber(T.storagePtrCT)] = { T, 'storage' }
   torch._ctypeInfo[tonumber(T.tensorCT)] = { T, 'tensor' }
   torch._ctypeInfo[tonumber(T.tensorPtrCT)] = { T, 'tensor' }
end
torch._typeList = TYPES     -- the seven types with the full tensor library
torch._allTypes = ALL       -- those and Half
torch._halfMethods = {}     -- the methods HalfTensor has (filled by Half.lua)

local ctypeInfo = torch._ctypeInfo
local typeof = ffi.typeof

--[[ For a storage or tensor, its type info and 'storage' or 'tensor'; nil otherwise. ]]
function torch._info(x)
   if type(x) ~= 'cdata' then return nil end
   local e = ctypeInfo[tonumber(typeof(x))]
   if e then return e[1], e[2] end
   return nil
end

--[[ True when a LuaJIT loop must not store elements of type S into type T. The LuaJIT
that lupa bundles miscompiles the 64-bit integer to single-precision store in a trace: the
values come out wrong, and memory next to the destination can be overwritten. Such copies
(Long to Float) go to the array kernels. ]]
function torch._brokenStore(T, S)
   return S.name == 'Long' and T.name == 'Float'
end

--[[ True when `x` is a tensor of any type. ]]
function torch.isTensor(x)
   if type(x) ~= 'cdata' then return false end
   local e = ctypeInfo[tonumber(typeof(x))]
   return e ~= nil and e[2] == 'tensor'
end

--[[ True when `x` is a storage of any type. ]]
function torch.isStorage(x)
   if type(x) ~= 'cdata' then return false end
   local e = ctypeInfo[tonumber(typeof(x))]
   return e ~= nil and e[2] == 'storage'
end

--[[ The address of a storage or tensor (as a number), or of any other Lua object. ]]
function torch.pointer(x)
   if type(x) == 'cdata' then
      return tonumber(ffi.cast('intptr_t', ffi.cast('void *', x)))
   end
   if type(x) == 'table' or type(x) == 'function' or type(x) == 'userdata'
         or type(x) == 'thread' then
      -- tostring without the object's own __tostring, which may print something else
      local mt = debug.getmetatable(x)
      local own = mt and rawget(mt, '__tostring')
      if own then rawset(mt, '__tostring', nil) end
      local s = tostring(x)
      if own then rawset(mt, '__tostring', own) end
      s = s:match('0x%x+')
      if s then return tonumber(s) end
   end
   return nil
end

--[[ True when `a` and `b` are the same storage or the same tensor (possibly one reached
through a pointer). ]]
function torch._sameObject(a, b)
   if type(a) ~= 'cdata' or type(b) ~= 'cdata' then return false end
   local ia, ka = torch._info(a)
   local ib, kb = torch._info(b)
   if ia == nil or ia ~= ib or ka ~= kb then return false end
   return ffi.cast('void *', a) == ffi.cast('void *', b)
end
