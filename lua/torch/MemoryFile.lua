-- torch.MemoryFile: a torch.File over a torch.CharStorage in memory. As in Torch7, the
-- storage always ends with a 0 byte after the file's contents; :storage() returns it.
local torch = ...
local ffi = require 'ffi'

local function construct(a, b)
   local st, mode
   if torch.typename(a) == 'torch.CharStorage' then
      st, mode = a, b or 'rw'
      if st._n < 1 or st._data[st._n - 1] ~= 0 then
         error('torch.MemoryFile: provided CharStorage must be terminated by 0', 2)
      end
   elseif a == nil or type(a) == 'string' then
      mode = a or 'rw'
   else
      error('torch.MemoryFile: expected a mode or a CharStorage [, mode]', 2)
   end
   local readable = mode == 'r' or mode == 'rw'
   local writable = mode == 'w' or mode == 'rw'
   if not (readable or writable) then
      error("torch.MemoryFile: file mode should be 'r','w' or 'rw'", 2)
   end
   if st == nil then st = torch.CharStorage(1) end
   local self = setmetatable({}, torch.getmetatable('torch.MemoryFile'))
   self:_initFlags(readable, writable)
   self._st = st
   self._size = st._n - 1
   self._pos = 0
   return self
end

local MemoryFile = torch.newmetatable('torch.MemoryFile', 'torch.File', construct)

-- Make room for `size` bytes of contents (plus the final 0).
local function grow(self, size)
   local st = self._st
   if size + 1 <= st._n then return end
   local n = math.max(size + 1, math.floor(st._n * 1.5))
   torch._resizeStorage(st, n)
end

function MemoryFile:_rawRead(ptr, n)
   local got = math.min(n, self._size - self._pos)
   if got <= 0 then return 0 end
   ffi.copy(ptr, self._st._data + self._pos, got)
   self._pos = self._pos + got
   return got
end

function MemoryFile:_rawWrite(ptr, n)
   if n == 0 then return 0 end
   grow(self, self._pos + n)
   local data = self._st._data
   ffi.copy(data + self._pos, ptr, n)
   self._pos = self._pos + n
   if self._pos > self._size then
      self._size = self._pos
      data[self._size] = 0
   end
   return n
end

function MemoryFile:_getc()
   if self._pos >= self._size then return -1 end
   local c = ffi.cast('uint8_t *', self._st._data)[self._pos]
   self._pos = self._pos + 1
   return c
end

function MemoryFile:_ungetc() self._pos = self._pos - 1 end

function MemoryFile:_readRaw(n)
   n = math.max(0, math.min(n, self._size - self._pos))
   local s = ffi.string(self._st._data + self._pos, n)
   self._pos = self._pos + n
   return s
end

function MemoryFile:_tell() return self._pos end
function MemoryFile:_remaining() return self._size - self._pos end
function MemoryFile:_isOpened() return self._st ~= nil end

function MemoryFile:_seekTo(pos)
   if pos > self._size then return false end
   self._pos = pos
   return true
end

function MemoryFile:_close() self._st = nil end

--[[ The CharStorage holding the contents, followed by one 0 byte. RETURN: torch.CharStorage ]]
function MemoryFile:storage()
   self:_checkOpen()
   torch._resizeStorage(self._st, self._size + 1)
   return self._st
end

--[[ The contents as a Lua string (without the final 0 byte). ]]
function MemoryFile:_contents()
   return ffi.string(self._st._data, self._size)
end

function MemoryFile:__tostring__()
   return string.format('torch.MemoryFile [status: %s -- mode: %s%s]',
      self._st ~= nil and 'open' or 'closed', self._readable and 'r' or ' ',
      self._writable and 'w' or ' ')
end
