-- torch.DiskFile: a torch.File on a file of the disk, read and written through C stdio
-- (LuaJIT FFI), so any bytes pass unchanged and bulk data moves in one fread/fwrite.
local torch = ...
local ffi = require 'ffi'

for _, decl in ipairs({
   'void *fopen(const char *path, const char *mode);',
   'int fclose(void *f);',
   'size_t fread(void *ptr, size_t size, size_t n, void *f);',
   'size_t fwrite(const void *ptr, size_t size, size_t n, void *f);',
   'int fseeko(void *f, int64_t offset, int whence);',
   'int64_t ftello(void *f);',
   'int fflush(void *f);',
   'int setvbuf(void *f, char *buf, int mode, size_t size);',
   'char *strerror(int errnum);',
   'void *malloc(size_t size);',
}) do pcall(ffi.cdef, decl) end
local C = ffi.C
local SEEK_SET, SEEK_END, IONBF = 0, 2, 2

local function construct(name, mode, quiet)
   if type(name) ~= 'string' then
      error('torch.DiskFile: a file name (string) is expected as first argument', 2)
   end
   mode = mode or 'r'
   local readable = mode == 'r' or mode == 'rw'
   local writable = mode == 'w' or mode == 'rw'
   if not (readable or writable) then
      error("torch.DiskFile: file mode should be 'r','w' or 'rw'", 2)
   end
   local h
   if readable and writable then
      h = C.fopen(name, 'r+b')
      if h == nil then
         h = C.fopen(name, 'wb')
         if h ~= nil then C.fclose(h); h = C.fopen(name, 'r+b') end
      end
   else
      h = C.fopen(name, readable and 'rb' or 'wb')
   end
   if h == nil then
      if quiet then return nil end
      local why = ffi.string(C.strerror(ffi.errno()))
      error(string.format('torch.DiskFile: cannot open <%s> in mode %s (%s)', name,
         (readable and 'r' or ' ') .. (writable and 'w' or ' '), why), 2)
   end
   local self = setmetatable({}, torch.getmetatable('torch.DiskFile'))
   self:_initFlags(readable, writable)
   self._quiet = quiet and true or false
   self._name = name
   self._h = ffi.gc(h, C.fclose)
   self._pos = 0
   self._last = nil      -- 'r' or 'w': the last transfer, for C's read/write switching rule
   self._wpos, self._wlen = 0, 0
   C.fseeko(h, 0, SEEK_END)
   self._size = tonumber(C.ftello(h))
   C.fseeko(h, 0, SEEK_SET)
   return self
end

local DiskFile = torch.newmetatable('torch.DiskFile', 'torch.File', construct)

-- Reads go through a window of read-ahead bytes, so the many small reads of an object
-- stream cost a copy each instead of a C call; bulk reads go straight to their destination.
-- The window holds the file's bytes [_pos, _pos + _wlen - _wpos); the C stream stands at
-- the end of the window.
local WIN = 65536
local BULK = WIN / 2

-- C stdio needs a seek between a read and a write on the same stream; the seek also
-- drops the read-ahead window.
local function switch(self, dir)
   if self._last ~= dir then
      if self._last ~= nil then C.fseeko(self._h, self._pos, SEEK_SET) end
      self._last = dir
      self._wpos, self._wlen = 0, 0
   end
end

local function refill(self)
   local win = self._win
   if win == nil then
      win = ffi.new('uint8_t[?]', WIN)
      self._win = win
   end
   self._wpos, self._wlen = 0, tonumber(C.fread(win, 1, WIN, self._h))
   return self._wlen
end

function DiskFile:_rawRead(ptr, n)
   if n == 0 then return 0 end
   switch(self, 'r')
   local wpos = self._wpos
   local avail = self._wlen - wpos
   if n <= avail then
      ffi.copy(ptr, self._win + wpos, n)
      self._wpos = wpos + n
      self._pos = self._pos + n
      return n
   end
   local dst = ffi.cast('uint8_t *', ptr)
   if avail > 0 then ffi.copy(dst, self._win + wpos, avail) end
   self._wpos, self._wlen = 0, 0
   local rest = n - avail
   local got
   if rest >= BULK then
      got = tonumber(C.fread(dst + avail, 1, rest, self._h))
   else
      got = math.min(rest, refill(self))
      ffi.copy(dst + avail, self._win, got)
      self._wpos = got
   end
   self._pos = self._pos + avail + got
   return avail + got
end

function DiskFile:_rawWrite(ptr, n)
   if n == 0 then return 0 end
   switch(self, 'w')
   local put = tonumber(C.fwrite(ptr, 1, n, self._h))
   self._pos = self._pos + put
   if self._pos > self._size then self._size = self._pos end
   return put
end

-- One native binary Int, Long or Double straight from the window: the reads an object
-- stream is made of, without torch.File's general method: going through it makes a load
-- of many small tables about 1.5x slower. Anything else goes through that method.
local File = torch.getmetatable('torch.File')
for _, spec in ipairs({ { 'Int', 'int32_t', 4 }, { 'Long', 'int64_t', 8 },
      { 'Double', 'double', 8 } }) do
   local name, ptrType, size = spec[1], ffi.typeof(spec[2] .. ' *'), spec[3]
   local general = File['read' .. name]
   local longs = name == 'Long'
   DiskFile['read' .. name] = function(self, arg)
      local wpos = self._wpos
      if arg == nil and self._last == 'r' and self._wlen - wpos >= size and self._binary
            and self._native and not (longs and self._longSize == 4) then
         self._wpos = wpos + size
         self._pos = self._pos + size
         return tonumber(ffi.cast(ptrType, self._win + wpos)[0])
      end
      return general(self, arg)
   end
end

function DiskFile:_getc()
   switch(self, 'r')
   if self._wpos >= self._wlen and refill(self) == 0 then return -1 end
   local c = self._win[self._wpos]
   self._wpos = self._wpos + 1
   self._pos = self._pos + 1
   return c
end

-- Undo the last successful _getc, whose byte is still in the window.
function DiskFile:_ungetc()
   self._pos = self._pos - 1
   self._wpos = self._wpos - 1
end

local strbuf = ffi.new('uint8_t[?]', WIN)
function DiskFile:_readRaw(n)
   n = math.min(n, self:_remaining())
   if n == 0 then return '' end
   if self._last == 'r' and n <= self._wlen - self._wpos then   -- inside the window
      local s = ffi.string(self._win + self._wpos, n)
      self._wpos = self._wpos + n
      self._pos = self._pos + n
      return s
   end
   if n <= WIN then
      local got = self:_rawRead(strbuf, n)
      return ffi.string(strbuf, got)
   end
   -- Longer strings pass through malloc'ed memory, freed at once, so reading many of
   -- them leaves no garbage for the collector.
   local buf = C.malloc(n)
   if buf == nil then
      error(string.format('torch.DiskFile: out of memory reading %d bytes', n), 0)
   end
   local got = self:_rawRead(buf, n)
   local ok, s = pcall(ffi.string, buf, got)
   C.free(buf)
   if not ok then error(s, 0) end
   return s
end

function DiskFile:_tell() return self._pos end
function DiskFile:_remaining() return self._size - self._pos end
function DiskFile:_isOpened() return self._h ~= nil end

function DiskFile:_seekTo(pos)
   if pos > self._size and not self._writable then return false end
   if C.fseeko(self._h, pos, SEEK_SET) ~= 0 then return false end
   self._pos = pos
   self._last = nil
   self._wpos, self._wlen = 0, 0
   return true
end

function DiskFile:_close()
   local h = self._h
   self._h = nil
   self._wpos, self._wlen, self._last = 0, 0, nil
   ffi.gc(h, nil)
   C.fclose(h)
end

function DiskFile:synchronize()
   self:_checkOpen()
   C.fflush(self._h)
   return self
end

--[[ Turn off stdio buffering. RETURN: self ]]
function DiskFile:noBuffer()
   self:_checkOpen()
   if C.setvbuf(self._h, nil, IONBF, 0) ~= 0 then
      error('torch.DiskFile: cannot disable buffer', 2)
   end
   return self
end

--[[ The name the file was opened with. ]]
function DiskFile:name() return self._name end

function DiskFile:__tostring__()
   return string.format('torch.DiskFile on <%s> [status: %s -- mode %s%s]', self._name,
      self._h ~= nil and 'open' or 'closed', self._readable and 'r' or ' ',
      self._writable and 'w' or ' ')
end
