-- paths: Torch7's file-name package (POSIX only). Names, tests and directories are
-- handled in Lua; the file system is reached through the C library with LuaJIT's FFI.
local ffi = require 'ffi'

local paths = {}
_G.paths = paths

-- Private declarations under their own names, so they never clash with other cdefs.
local modeT = ffi.os == 'OSX' and 'uint16_t' or 'uint32_t'
for _, decl in ipairs({
   'int pb_paths_access(const char *p, int mode) __asm__("access");',
   'int pb_paths_mkdir(const char *p, ' .. modeT .. ' mode) __asm__("mkdir");',
   'int pb_paths_rmdir(const char *p) __asm__("rmdir");',
   'char *pb_paths_getcwd(char *buf, size_t size) __asm__("getcwd");',
   'long pb_paths_readlink(const char *p, char *buf, size_t size) __asm__("readlink");',
   'int pb_paths_uname(void *buf) __asm__("uname");',
   'size_t pb_paths_strnlen(const char *s, size_t n) __asm__("strnlen");',
   'char *pb_paths_strerror(int e) __asm__("strerror");',
   'int pb_paths_mkstemp(char *template) __asm__("mkstemp");',
   'int pb_paths_close(int fd) __asm__("close");',
   'void *pb_paths_opendir(const char *p) __asm__("opendir");',
   'void *pb_paths_readdir(void *d) __asm__("readdir");',
   'int pb_paths_closedir(void *d) __asm__("closedir");',
   'typedef struct { uint64_t ino; int64_t off; uint16_t reclen; uint8_t type;'
      .. ' char name[256]; } pb_paths_dirent_linux64;',
   'typedef struct { uint64_t ino; uint64_t seekoff; uint16_t reclen; uint16_t namlen;'
      .. ' uint8_t type; char name[1024]; } pb_paths_dirent_osx64;',
}) do pcall(ffi.cdef, decl) end
local C = ffi.C
local F_OK, X_OK, ERANGE = 0, 1, 34

-- A NUL-terminated string inside `cap` bytes at `ptr`, never reading past them.
local function cstring(ptr, cap)
   return ffi.string(ptr, tonumber(C.pb_paths_strnlen(ptr, cap)))
end

local function check(s, fname, n)
   if type(s) == 'number' then return tostring(s) end
   if type(s) ~= 'string' then
      error(string.format('paths.%s: string expected as argument %d, got %s', fname, n or 1,
         type(s)), 3)
   end
   return s
end

-- nil, 'name: reason', errno when a call failed (errno read by the caller right after it).
local function outcome(ok, errno, name)
   if ok then return true end
   return nil, name .. ': ' .. cstring(C.pb_paths_strerror(errno), 1024), errno
end

--[[ Whether `path` exists and is not a directory (symbolic links are followed).
access(F_OK) also fails with EACCES when a folder on the way cannot be searched: then the
file cannot be reached, and the answer is false. ARGS: path RETURN: boolean ]]
function paths.filep(path)
   path = check(path, 'filep')
   return path ~= '' and C.pb_paths_access(path, F_OK) == 0 and not paths.dirp(path)
end

--[[ Whether `path` is an existing directory. A name followed by '/' only resolves when it is
a directory (ENOTDIR otherwise), and needs no read or search right on the folder itself.
ARGS: path RETURN: boolean ]]
function paths.dirp(path)
   path = check(path, 'dirp')
   return path ~= '' and C.pb_paths_access(path .. '/', F_OK) == 0
end

--[[ The last component of `path` ('a/b/' gives 'b', '/' gives ''), without `.suffix` when
it ends with it and something is left. ARGS: path, suffix (optional) RETURN: string ]]
function paths.basename(path, suffix)
   path = check(path, 'basename')
   local start = 1
   for i in path:gmatch('()/[^/]') do start = i + 1 end
   local name = path:match('^[^/]*', start)
   suffix = suffix ~= nil and check(suffix, 'basename', 2):gsub('^%.', '') or ''
   if suffix ~= '' and #name > #suffix and name:sub(-#suffix - 1) == '.' .. suffix then
      name = name:sub(1, -#suffix - 2)
   end
   return name
end

--[[ The folder holding `path` ('a' gives '.', '/' gives '/', 'a/b/' gives 'a').
ARGS: path RETURN: string ]]
function paths.dirname(path)
   path = check(path, 'dirname')
   local last
   for i in path:gmatch('()/[^/]') do last = i end
   if not last then return path:sub(1, 1) == '/' and path or '.' end
   return path:sub(1, math.max(last - 1, 1))
end

--[[ What follows the last '.' of `path`, or nil without one. ARGS: path RETURN: string or nil ]]
function paths.extname(path)
   return check(path, 'extname'):match('%.([^.]*)$')
end

--[[ The current directory, '.' when it cannot be read. RETURN: string ]]
function paths.cwd()
   local size = 4096
   while size <= 1048576 do
      local buf = ffi.new('char[?]', size)
      if C.pb_paths_getcwd(buf, size) ~= nil then return cstring(buf, size) end
      if ffi.errno() ~= ERANGE then break end
      size = size * 4
   end
   return '.'
end

-- `name` resolved against the absolute `from`: '.' components are dropped, '..' drops the
-- component before it, repeated and trailing slashes go.
local function resolve(from, name)
   local buf = name:sub(1, 1) == '/' and '/' or from
   for part in name:gmatch('[^/]+') do
      if part == '..' then
         buf = buf:gsub('/+$', ''):gsub('[^/]*$', '')
      elseif part ~= '.' then
         buf = buf .. (buf:sub(-1) == '/' and '' or '/') .. part
      end
   end
   buf = buf:gsub('/+$', '')
   return buf == '' and '/' or buf
end

--[[ The full name of `path1` from the current directory, then of each next path from the
previous result; the current directory without arguments. ARGS: path1, ... RETURN: string ]]
function paths.concat(...)
   local full = paths.cwd()
   for i = 1, select('#', ...) do full = resolve(full, check((select(i, ...)), 'concat', i)) end
   return full
end

local linkBuf = ffi.new('char[?]', 4096)

--[[ The folder of the running program (the Python interpreter that hosts Lua), or nil
when it cannot be found. RETURN: string or nil ]]
function paths.execdir()
   if ffi.os ~= 'Linux' then return nil end
   local n = tonumber(C.pb_paths_readlink('/proc/self/exe', linkBuf, 4096))
   if n <= 0 or n >= 4096 then return nil end
   return paths.dirname(ffi.string(linkBuf, n))
end

-- Directory entries through readdir where the entry layout is fixed for the platform
-- (64-bit Linux, macOS on arm64), through `ls -a` elsewhere.
local direntType, nameCap
if ffi.os == 'Linux' and (ffi.arch == 'x64' or ffi.arch == 'arm64') then
   direntType, nameCap = 'pb_paths_dirent_linux64', 256
elseif ffi.os == 'OSX' and ffi.arch == 'arm64' then
   direntType, nameCap = 'pb_paths_dirent_osx64', 1024
end
local direntPtr = direntType and ffi.typeof(direntType .. ' *')
local nameAt = direntType and ffi.offsetof(direntType, 'name')

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

--[[ The names in folder `dname`, '.' and '..' included, or nil when it is not a folder
that can be listed. ARGS: dname RETURN: table or nil ]]
function paths.dir(dname)
   dname = check(dname, 'dir')
   if not direntType then
      if not paths.dirp(dname) then return nil end
      local names, pipe = {}, io.popen('ls -a1 -- ' .. quote(dname) .. ' 2>/dev/null')
      for line in pipe:lines() do names[#names + 1] = line end
      pipe:close()
      return names
   end
   local d = C.pb_paths_opendir(dname)
   if d == nil then return nil end
   local names = {}
   while true do
      local p = C.pb_paths_readdir(d)
      if p == nil then break end
      local e = ffi.cast(direntPtr, p)
      -- the name ends inside its record (reclen bytes) and inside the declared array
      local cap = math.min(nameCap, tonumber(e.reclen) - nameAt)
      if ffi.os == 'OSX' then cap = math.min(cap, tonumber(e.namlen)) end
      if cap > 0 then names[#names + 1] = cstring(e.name, cap) end
   end
   C.pb_paths_closedir(d)
   return names
end

--[[ An iterator over the names in `dname` ('.' and '..' included) for which `include`
(a function of the name, or a pattern for string.find) holds. ARGS: dname, include
RETURN: iterator ]]
function paths.files(dname, include)
   local names, i = paths.dir(dname), 0
   if type(include) == 'string' then
      local pattern = include
      include = function(name) return name:find(pattern) end
   elseif include ~= nil and type(include) ~= 'function' then
      error('paths.files: include must be a function or a string, got ' .. type(include), 2)
   end
   return function()
      while names and i < #names do
         i = i + 1
         if include == nil or include(names[i]) then return names[i] end
      end
      return nil
   end
end

local function notDots(name) return name ~= '.' and name ~= '..' end

--[[ An iterator over the sub-folders of `dname`, '.' and '..' left out.
ARGS: dname RETURN: iterator ]]
function paths.iterdirs(dname)
   return paths.files(dname, function(name)
      return notDots(name) and paths.dirp(paths.concat(dname, name))
   end)
end

--[[ An iterator over the entries of `dname` that are not folders. ARGS: dname RETURN: iterator ]]
function paths.iterfiles(dname)
   return paths.files(dname, function(name)
      return notDots(name) and paths.filep(paths.concat(dname, name))
   end)
end

local tmpnames = {}
-- Removes the names tmpname gave when this Lua state closes (os.remove: files, empty folders).
local sentinel = newproxy(true)
getmetatable(sentinel).__gc = function()
   for name in pairs(tmpnames) do os.remove(name) end
end

--[[ A fresh name in $TMPDIR (or /tmp) that nothing uses yet; whatever is left under it is
removed at exit if it is a file or an empty folder. RETURN: string, nil on failure ]]
function paths.tmpname()
   local dir = os.getenv('TMPDIR')
   if not (dir and paths.dirp(dir)) then dir = '/tmp' end
   local template = dir:gsub('/+$', '') .. '/luatmp_XXXXXX'
   local buf = ffi.new('char[?]', #template + 1, template)
   local fd = C.pb_paths_mkstemp(buf)
   if fd < 0 then return nil end
   C.pb_paths_close(fd)
   local name = ffi.string(buf, #template)
   os.remove(name)  -- as in Torch7 the name is free: callers may make a folder of it
   tmpnames[name] = sentinel  -- the sentinel lives as long as this function
   return name
end

--[[ Make folder `path`, making its missing parents first. ARGS: path
RETURN: true, or nil, 'path: reason', errno ]]
function paths.mkdir(path)
   path = check(path, 'mkdir')
   local parent = paths.dirname(path)
   if parent ~= path and not paths.dirp(parent) then paths.mkdir(parent) end
   local ok = C.pb_paths_mkdir(path, 511) == 0
   return outcome(ok, ffi.errno(), path)
end

--[[ Remove the empty folder `path`. ARGS: path RETURN: true, or nil, 'path: reason', errno ]]
function paths.rmdir(path)
   path = check(path, 'rmdir')
   local ok = C.pb_paths_rmdir(path) == 0
   return outcome(ok, ffi.errno(), path)
end

--[[ Remove `path` and everything below it; `confirm` must be 'yes'. Symbolic links are
removed, never followed. ARGS: path, confirm
RETURN: true, or nil, reason, the name that could not be removed ]]
function paths.rmall(path, confirm)
   if confirm ~= 'yes' then return nil, "missing second argument ('yes')" end
   path = check(path, 'rmall')
   if paths.filep(path) or C.pb_paths_readlink(path, linkBuf, 1) >= 0 then
      return os.remove(path)
   elseif not paths.dirp(path) then
      return nil, 'not a file or directory', path
   end
   for name in paths.files(path, notDots) do
      local full = paths.concat(path, name)
      local ok, why = paths.rmall(full, 'yes')
      if not ok then return nil, why, full end
   end
   return paths.rmdir(path)
end

--[[ The system name ('Linux', 'Darwin'), this computer's network name and the processor
type, or 'Unknown'. RETURN: up to three strings ]]
function paths.uname()
   local width = ffi.os == 'Linux' and 65 or ffi.os == 'OSX' and 256
   -- a buffer far larger than either struct utsname; fields are fixed-size char arrays
   local buf = ffi.new('char[?]', 4096)
   if not width or C.pb_paths_uname(buf) ~= 0 then return 'Unknown' end
   return cstring(buf, width), cstring(buf + width, width), cstring(buf + 4 * width, width)
end

--[[ false: Windows is not supported. RETURN: boolean ]]
function paths.is_win() return ffi.os == 'Windows' end

--[[ Whether this is macOS. RETURN: boolean ]]
function paths.is_mac() return paths.uname() == 'Darwin' end

paths.home = os.getenv('HOME') or '.'

--[[ Only on Windows: always an error here. ]]
function paths.getregistryvalue()
   error('paths.getregistryvalue: the Windows registry exists only on Windows', 2)
end

-- The full name of the file running the function `level` frames above the caller.
local function callerFile(level)
   local info = debug.getinfo(level + 1, 'S')
   local source = info and info.source
   if type(source) == 'string' and source:sub(1, 1) == '@' then
      return paths.concat(source:sub(2))
   end
   return nil
end

--[[ The full name of the calling file, or nil outside a file; with `arg`, the full name of
`arg` next to that file (`arg` itself outside a file). ARGS: arg, depth (frame, default 2)
RETURN: string or nil ]]
function paths.thisfile(arg, depth)
   local file = callerFile(depth or 2)
   if arg == nil then return file end
   arg = check(arg, 'thisfile')
   return file and paths.concat(paths.dirname(file), arg) or arg
end

local luaDofile = dofile
--[[ dofile of `f` taken relative to the calling file's folder (the current folder outside a
file). ARGS: f, depth (frame, default 2) RETURN: what the file returns ]]
function paths.dofile(f, depth)
   local file = callerFile(depth or 2)
   f = check(f, 'dofile')
   if file then f = paths.concat(paths.dirname(file), f) end
   return luaDofile(f)
end

--[[ The full name of the first program found on $PATH, trying each name in turn.
ARGS: name, ... RETURN: string or nil ]]
function paths.findprogram(...)
   for i = 1, select('#', ...) do
      local exe = check((select(i, ...)), 'findprogram', i)
      for dir in (os.getenv('PATH') or '.'):gmatch('[^:]+') do
         local full = paths.concat(dir, exe)
         if paths.filep(full) and C.pb_paths_access(full, X_OK) == 0 then return full end
      end
   end
   return nil
end

local luaRequire = require
--[[ require(name): the Lua packages here need no special loading. ARGS: name RETURN: module ]]
function paths.require(name)
   return (luaRequire(check(name, 'require')))
end

-- Where things are installed: the shipped Lua libraries (this file's grandparent folder)
-- serve as install_lua_path, install_lua_cpath and install_share, and their parent as
-- install_prefix. Binaries, manuals, headers and CMake files are not shipped: those
-- install_* fields are nil.
local here = debug.getinfo(1, 'S').source
here = here:sub(1, 1) == '@' and paths.concat(here:sub(2)) or paths.concat('paths', 'init.lua')
paths.install_lua_path = paths.dirname(paths.dirname(here))
paths.install_lua_cpath = paths.install_lua_path
paths.install_share = paths.install_lua_path
paths.install_prefix = paths.dirname(paths.install_lua_path)

return paths
