-- torch.File: the abstract file of Torch7 (torch.DiskFile and torch.MemoryFile derive from
-- it). It holds the format flags (binary or ascii, auto-spacing, quiet, long size, byte
-- order) and turns typed reads and writes into bytes; a subclass only moves raw bytes:
--    _rawRead(ptr, nbytes) -> bytes read        _rawWrite(ptr, nbytes) -> bytes written
--    _getc() -> byte or -1 (end)                 _ungetc()  (undo the last successful _getc)
--    _tell() / _seekTo(pos): 0-based offsets     _remaining(): bytes from the position to the end
--    _readRaw(n): a Lua string of at most n bytes, _isOpened(), _close()
local torch = ...
local ffi = require 'ffi'

local File = torch.class('torch.File')

pcall(ffi.cdef, 'long long strtoll(const char *s, char **end, int base);')
pcall(ffi.cdef, 'double strtod(const char *s, char **end);')
local C = ffi.C

local T = torch._types
local scratch = {}         -- type name -> one-element buffer for scalar reads/writes
for _, info in ipairs(torch._allTypes) do scratch[info.name] = ffi.new(info.ctype .. '[1]') end
local endptr = ffi.new('char *[1]')
local tokbuf = ffi.new('uint8_t[?]', 513)
local isLittle = ffi.abi('le')

-- Flags every file starts with (as TH: ascii, auto-spacing, pedantic, native encoding).
function File:_initFlags(readable, writable)
   self._binary = false
   self._autoSpacing = true
   self._quiet = false
   self._hasError = false
   self._readable = readable
   self._writable = writable
   self._longSize = 0
   self._native = true
end

local function fileError(self, level, fmt, ...)
   error(string.format('%s: ' .. fmt, torch.typename(self), ...), level + 1)
end
File._error = fileError

function File:_checkOpen(reading, writing)
   if not self:_isOpened() then fileError(self, 3, 'attempt to use a closed file') end
   if reading and not self._readable then
      fileError(self, 3, 'attempt to read in a write-only file')
   end
   if writing and not self._writable then
      fileError(self, 3, 'attempt to write in a read-only file')
   end
end

-- Record a short read or write; raise unless the file is quiet.
function File:_shortIO(what, done, wanted, start)
   self._hasError = true
   if not self._quiet then
      error(string.format('%s: %s error: %s %d blocks instead of %d at byte offset %d ' ..
         '(%d bytes left)', torch.typename(self), what, what == 'read' and 'read' or 'wrote',
         done, wanted, start, what == 'read' and self:_remaining() or 0), 0)
   end
end

-- Reverse the bytes of each of the n elements of `size` bytes at ptr (non-native order).
local function swapBytes(ptr, size, n)
   if size < 2 or n == 0 then return end
   local p = ffi.cast('uint8_t *', ptr)
   for e = 0, n - 1 do
      local b = p + e * size
      for i = 0, size / 2 - 1 do
         b[i], b[size - 1 - i] = b[size - 1 - i], b[i]
      end
   end
end

-- One whitespace-separated token (ascii mode), or nil at the end of the file.
function File:_token()
   local c = self:_getc()
   while c == 32 or (c >= 9 and c <= 13) do c = self:_getc() end
   if c < 0 then return nil end
   local n = 0
   while c >= 0 and c ~= 32 and (c < 9 or c > 13) do
      if n == 512 then return nil end
      tokbuf[n] = c
      n = n + 1
      c = self:_getc()
   end
   if c >= 0 then self:_ungetc() end
   tokbuf[n] = 0
   return n
end

-- Parse the token in tokbuf (length n) as type `info`; nil when it is not a number.
local function parseToken(info, n)
   local p = ffi.cast('char *', tokbuf)
   local v
   if info.isint then
      v = C.strtoll(p, endptr, 10)
   else
      v = C.strtod(p, endptr)
   end
   if endptr[0] ~= p + n or n == 0 then return nil end
   return v
end

-- Skip the newline that ends an ascii write of several elements.
function File:_eatNewline()
   local c = self:_getc()
   if c ~= 10 and c >= 0 then self:_ungetc() end
end

--[[ Read n elements of type `info` into ptr. RETURN: how many were read. ]]
function File:_readElems(info, ptr, n)
   if n == 0 then return 0 end
   local start = self:_tell()
   local nread
   if self._binary then
      local size = info.size
      if info.name == 'Long' and self._longSize == 4 then
         local p32 = ffi.cast('int32_t *', ptr)
         nread = math.floor(self:_rawRead(p32, 4 * n) / 4)
         if not self._native then swapBytes(p32, 4, nread) end
         local p = ffi.cast('int64_t *', ptr)
         for i = nread - 1, 0, -1 do p[i] = p32[i] end
      else
         nread = math.floor(self:_rawRead(ptr, size * n) / size)
         if not self._native then swapBytes(ptr, size, nread) end
      end
   elseif info.size == 1 then
      nread = self:_rawRead(ptr, n)
      if self._autoSpacing then self:_eatNewline() end
   else
      nread = 0
      for i = 0, n - 1 do
         local len = self:_token()
         local v = len and parseToken(info, len)
         if v == nil then break end
         if info.isHalf then v = torch._numberToHalf(v) end
         ptr[i] = v
         nread = nread + 1
      end
      if self._autoSpacing then self:_eatNewline() end
   end
   if nread ~= n then self:_shortIO('read', nread, n, start) end
   return nread
end

local function formatElem(info, v)
   if info.name == 'Double' then return string.format('%.17g', v) end
   if info.name == 'Float' then return string.format('%.9g', v) end
   if info.isHalf then return string.format('%.9g', torch._halfToNumber(v)) end
   return string.format('%d', v)
end

--[[ Write n elements of type `info` from ptr. RETURN: how many were written. ]]
function File:_writeElems(info, ptr, n)
   if n == 0 then return 0 end
   local start = self:_tell()
   local nwrite
   if self._binary then
      local size = info.size
      local src = ptr
      if info.name == 'Long' and self._longSize == 4 then
         size = 4
         src = ffi.new('int32_t[?]', n)
         for i = 0, n - 1 do src[i] = ptr[i] end
      end
      if not self._native and size > 1 then
         local copy = ffi.new('uint8_t[?]', size * n)
         ffi.copy(copy, src, size * n)
         swapBytes(copy, size, n)
         src = copy
      end
      nwrite = math.floor(self:_rawWrite(src, size * n) / size)
   elseif info.size == 1 then
      nwrite = self:_rawWrite(ptr, n)
      if self._autoSpacing then self:_rawWrite('\n', 1) end
   else
      local parts = {}
      for i = 0, n - 1 do parts[i + 1] = formatElem(info, ptr[i]) end
      local s = table.concat(parts, self._autoSpacing and ' ' or '')
      if self._autoSpacing then s = s .. '\n' end
      nwrite = self:_rawWrite(s, #s) == #s and n or 0
   end
   if nwrite ~= n then self:_shortIO('write', nwrite, n, start) end
   return nwrite
end

-- readByte ... readDouble / writeByte ... writeDouble, as Torch7's File: read() gives a
-- number, read(n) a new storage of (at most) n elements, read(storage) fills the storage.
for _, name in ipairs({ 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double' }) do
   local info = T[name]
   local buf = scratch[name]
   local storageName = info.storageName

   local size = info.size
   File['read' .. name] = function(self, arg)
      self:_checkOpen(true, false)
      if arg == nil then
         -- Fast path: one native binary element.
         if self._binary and self._native and not (name == 'Long' and self._longSize == 4) then
            local start = self:_tell()
            local got = self:_rawRead(buf, size)
            if got == size then return tonumber(buf[0]) end
            self:_shortIO('read', 0, 1, start)
            return 0
         end
         buf[0] = 0
         self:_readElems(info, buf, 1)
         return tonumber(buf[0])
      elseif type(arg) == 'number' then
         if arg < 0 or arg ~= math.floor(arg) then
            fileError(self, 2, 'read%s: invalid count %s', name, tostring(arg))
         end
         local bytes = (not self._binary) and 1
            or (name == 'Long' and self._longSize == 4) and 4 or info.size
         if arg * bytes > self:_remaining() then
            -- Never allocate more than the file can fill: read what is there.
            local s = torch._newStorage(info, math.floor(self:_remaining() / bytes))
            local nread = self:_readElems(info, s._data, s._n)
            self:_shortIO('read', nread, arg, self:_tell())
            return s
         end
         local s = torch._newStorage(info, arg)
         local nread = self:_readElems(info, s._data, arg)
         if nread ~= arg then torch._resizeStorage(s, nread) end
         return s
      elseif torch.typename(arg) == storageName then
         return self:_readElems(info, arg._data, arg._n)
      end
      fileError(self, 2, 'read%s: nothing, number, or %s expected', name, storageName)
   end

   File['write' .. name] = function(self, arg)
      self:_checkOpen(false, true)
      if type(arg) == 'number' then
         buf[0] = arg
         self:_writeElems(info, buf, 1)
         return
      elseif torch.typename(arg) == storageName then
         return self:_writeElems(info, arg._data, arg._n)
      end
      fileError(self, 2, 'write%s: number, or %s expected', name, storageName)
   end
end

--[[ Write `value` as an int (1 or 0). ARGS: value (boolean) ]]
function File:writeBool(value)
   self:writeInt(value and 1 or 0)
end

--[[ Read an int written by writeBool. RETURN: boolean ]]
function File:readBool()
   return self:readInt() == 1
end

--[[ Read a string: '*a' everything left, '*l' up to the end of the line (not included).
ARGS: format ('*a' or '*l') RETURN: string ]]
function File:readString(format)
   self:_checkOpen(true, false)
   if type(format) ~= 'string' or not (format:sub(1, 2) == '*a' or format:sub(1, 2) == '*l') then
      fileError(self, 2, "readString: format must be '*a' or '*l'")
   end
   if self:_remaining() == 0 then
      self:_shortIO('read', 0, 1, self:_tell())
      return ''
   end
   if format:sub(2, 2) == 'a' then return self:_readRaw(self:_remaining()) end
   local parts = {}
   local c = self:_getc()
   while c >= 0 and c ~= 10 do
      parts[#parts + 1] = c
      c = self:_getc()
   end
   local out = {}
   for i = 1, #parts, 4096 do
      out[#out + 1] = string.char(unpack(parts, i, math.min(i + 4095, #parts)))
   end
   return table.concat(out)
end

--[[ Write the bytes of `str` as they are. ARGS: str (string) RETURN: bytes written ]]
function File:writeString(str)
   self:_checkOpen(false, true)
   if type(str) ~= 'string' then fileError(self, 2, 'writeString: a string is expected') end
   local start = self:_tell()
   local n = self:_rawWrite(str, #str)
   if n ~= #str then self:_shortIO('write', n, #str, start) end
   return n
end

function File:binary() self._binary = true; return self end
function File:ascii() self._binary = false; return self end
function File:autoSpacing() self._autoSpacing = true; return self end
function File:noAutoSpacing() self._autoSpacing = false; return self end
function File:quiet() self._quiet = true; return self end
function File:pedantic() self._quiet = false; return self end
function File:clearError() self._hasError = false; return self end
function File:isBinary() return self._binary end
function File:isAutoSpacing() return self._autoSpacing end
function File:isQuiet() return self._quiet end
function File:isReadable() return self._readable end
function File:isWritable() return self._writable end
function File:hasError() return self._hasError end
function File:synchronize() self:_checkOpen(); return self end

--[[ Size of a `long` in binary files: 0 (native, 8 bytes), 4 or 8. ARGS: size RETURN: self ]]
function File:longSize(size)
   if size ~= 0 and size ~= 4 and size ~= 8 then
      fileError(self, 2, 'Invalid long size specified (%s; 0, 4 or 8 expected)', tostring(size))
   end
   self._longSize = size
   return self
end

--[[ Byte order of binary data: native (default), little or big endian. RETURN: self ]]
function File:nativeEndianEncoding() self._native = true; return self end
function File:littleEndianEncoding() self._native = isLittle; return self end
function File:bigEndianEncoding() self._native = not isLittle; return self end
function File.isLittleEndianCPU() return isLittle end
function File.isBigEndianCPU() return not isLittle end

--[[ Move to 1-based byte `position`. RETURN: self ]]
function File:seek(position)
   self:_checkOpen()
   if type(position) ~= 'number' or position < 1 then
      fileError(self, 2, 'seek: position has to be greater than 0!')
   end
   if not self:_seekTo(position - 1) then
      self._hasError = true
      if not self._quiet then
         fileError(self, 2, 'unable to seek to position %d', position)
      end
   end
   return self
end

--[[ Move to the end of the file. RETURN: self ]]
function File:seekEnd()
   self:_checkOpen()
   self:_seekTo(self:_tell() + self:_remaining())
   return self
end

--[[ The current 1-based byte position. RETURN: number ]]
function File:position()
   self:_checkOpen()
   return self:_tell() + 1
end

--[[ Close the file. RETURN: self ]]
function File:close()
   self:_checkOpen()
   self:_close()
   return self
end

--[[ Files cannot be serialized. ]]
function File:write()
   error(string.format('<%s> is a non-serializable Torch object', torch.typename(self)), 2)
end
