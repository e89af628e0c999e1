-- sys: Torch7's small system package (POSIX only): a wall clock with tic/toc, sleeping,
-- running shell commands for their output, the name of the operating system, terminal
-- colours and the folder of the calling file. The clock and sleep go through the C library
-- with LuaJIT's FFI where `struct timespec` is two 64-bit fields (64-bit Linux and macOS);
-- elsewhere the clock counts whole seconds and sleeping runs the `sleep` program.
local ffi = require 'ffi'
local paths = require 'paths'

local sys = {}
rawset(_G, 'sys', sys)

-- Private declarations under their own names, so they never clash with other cdefs.
for _, decl in ipairs({
   'typedef struct { int64_t sec; int64_t nsec; } pb_sys_timespec;',
   'int pb_sys_clock_gettime(int clock, pb_sys_timespec *ts) __asm__("clock_gettime");',
   'int pb_sys_nanosleep(const pb_sys_timespec *req, pb_sys_timespec *rem)'
      .. ' __asm__("nanosleep");',
}) do pcall(ffi.cdef, decl) end
local C = ffi.C
local CLOCK_REALTIME, EINTR = 0, 4

-- One timespec for the clock and two for sleeping (request and remainder), owned here.
local timespecs
if ffi.abi('64bit') and (ffi.os == 'Linux' or ffi.os == 'OSX') then
   local buf = ffi.new('pb_sys_timespec[3]')
   -- a platform without the symbol (or a failing call) falls back below
   local ok, rc = pcall(function() return C.pb_sys_clock_gettime(CLOCK_REALTIME, buf) end)
   if ok and rc == 0 then timespecs = buf end
end

--[[ Seconds since the Unix epoch, to the microsecond or better (whole seconds where the
FFI clock is not available). RETURN: number ]]
function sys.clock()
   if not timespecs then return os.time() end
   C.pb_sys_clock_gettime(CLOCK_REALTIME, timespecs)
   return tonumber(timespecs[0].sec) + tonumber(timespecs[0].nsec) * 1e-9
end

local ticTime
--[[ Start the tic/toc timer. ]]
function sys.tic()
   ticTime = sys.clock()
end

--[[ Seconds since the last sys.tic() (since the package was loaded without one), printed
too when `verbose` is true. ARGS: verbose (optional) RETURN: number ]]
function sys.toc(verbose)
   local dt = sys.clock() - ticTime
   if verbose then print(dt) end
   return dt
end
ticTime = sys.clock()

--[[ Pause for `us` microseconds (1 when it is not a number); a signal does not cut the
pause short. ARGS: us RETURN: nothing ]]
function sys.usleep(us)
   us = type(us) == 'number' and us or 1
   if us ~= us or us <= 0 then return end
   if not timespecs then
      os.execute(string.format('sleep %.6f', us * 1e-6))
      return
   end
   local req, rem = timespecs + 1, timespecs + 2
   local sec = math.floor(us / 1e6)
   req.sec, req.nsec = sec, math.min(math.floor((us - sec * 1e6) * 1e3), 999999999)
   while C.pb_sys_nanosleep(req, rem) ~= 0 and ffi.errno() == EINTR do
      req.sec, req.nsec = rem.sec, rem.nsec
   end
end

--[[ Pause for `seconds` (fractions allowed). ARGS: seconds RETURN: nothing ]]
function sys.sleep(seconds)
   if type(seconds) ~= 'number' then
      error('sys.sleep: number expected as argument 1, got ' .. type(seconds), 2)
   end
   sys.usleep(seconds * 1e6)
end

local function trim(s)
   return (s:gsub('^%s+', ''):gsub('%s+$', ''))
end

local function checkCommand(cmd, fname)
   if type(cmd) ~= 'string' then
      error(string.format('sys.%s: string expected as argument 1, got %s', fname, type(cmd)), 3)
   end
   return cmd
end

--[[ Run `cmd` in the shell and give back what it wrote (standard output and standard
error together), without leading and trailing white space. ARGS: cmd RETURN: string ]]
function sys.execute(cmd)
   local pipe = assert(io.popen(checkCommand(cmd, 'execute') .. ' 2>&1', 'r'))
   local out = pipe:read('*a') or ''
   pipe:close()
   return trim(out)
end

--[[ sys.execute through a temporary file instead of a pipe; `readwhat` is the io.read
format applied to that file ('*a' by default). Strings come back trimmed.
ARGS: cmd, readwhat (optional) RETURN: what was read ]]
function sys.fexecute(cmd, readwhat)
   checkCommand(cmd, 'fexecute')
   local tmp = os.tmpname()
   os.execute(cmd .. " > '" .. tmp:gsub("'", "'\\''") .. "' 2>&1")
   local f = assert(io.open(tmp, 'r'))
   local out = f:read(readwhat or '*a')
   f:close()
   os.remove(tmp)
   if type(out) == 'string' then out = trim(out) end
   return out
end

--[[ The operating system in lower case: 'linux', 'macos', 'windows', or '?' for others.
RETURN: string ]]
function sys.uname()
   local names = { Linux = 'linux', OSX = 'macos', Windows = 'windows' }
   return names[ffi.os] or '?'
end
sys.OS = sys.uname()

--[[ Listings of folder `d` (the current one by default) as `ls`, `ls -l`, `ls -a` and
`ls -la` print them. ARGS: d (optional) RETURN: string ]]
local function lister(flags)
   return function(d) return sys.execute('ls ' .. flags .. (d or '')) end
end
sys.ls, sys.ll, sys.la, sys.lla = lister(''), lister('-l '), lister('-a '), lister('-la ')

-- The installation prefix read from the interpreter's name in the global `arg`: the folder
-- above 'bin' holding `lua` or `luajit`, or that folder itself; '' when Lua is embedded and
-- there is no such name (as here inside Python).
local function findPrefix()
   if type(arg) ~= 'table' then return '' end
   for i, v in pairs(arg) do
      if type(i) == 'number' and i <= 0 and type(v) == 'string' then
         local exe = paths.basename(v)
         if exe == 'lua' or exe == 'luajit' then
            local bin = paths.dirname(v)
            return paths.basename(bin) == 'bin' and paths.dirname(bin) or bin
         end
      end
   end
   return ''
end
sys.prefix = findPrefix()

sys.fpath = require 'sys.fpath'

--[[ The pieces of `str` between matches of the Lua pattern `pat`; an empty piece before
a match at the very start is left out, as is an empty last piece.
ARGS: str, pat RETURN: table of strings ]]
function sys.split(str, pat)
   local pieces, from = {}, 1
   while true do
      local s, e = str:find(pat, from)
      if not s or e < s then break end  -- no further match, or an empty one
      local piece = str:sub(from, s - 1)
      if from > 1 or piece ~= '' then pieces[#pieces + 1] = piece end
      from = e + 1
   end
   if from <= #str then pieces[#pieces + 1] = str:sub(from) end
   return pieces
end

--[[ Whether `x` is NaN, the only value not equal to itself. ARGS: x RETURN: boolean ]]
function sys.isNaN(x)
   return x ~= x
end

sys.COLORS = require 'sys.colors'

-- Older names that moved to the paths package.
sys.dirname = paths.dirname
sys.concat = paths.concat

return sys
