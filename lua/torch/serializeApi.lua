-- The file-level half of serialization: the read/write methods of storages and tensors,
-- and torch.save, torch.load, torch.serialize, torch.deserialize.
local torch = ...
local ffi = require 'ffi'
local S = torch._serialization
local K = torch._bridge.K
local env, writeTensor, writeStorage = S.env, S.writeTensor, S.writeStorage
local readTensor, checkCount, elemBytes = S.readTensor, S.checkCount, S.elemBytes

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
   if e.opts.mmap and f._binary then e.map = K.file_map(filename) end
   local ok, res = pcall(f.readObject, f)
   e.map = nil
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
