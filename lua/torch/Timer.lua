-- torch.Timer: wall-clock, user and system time accumulated while the timer runs,
-- read through the C library (clock_gettime and getrusage) with LuaJIT's FFI.
local torch = ...
local ffi = require 'ffi'

local Timer = torch.class('torch.Timer')

-- Private declarations under their own names, so they never clash with other cdefs.
local macOS = ffi.os == 'OSX'
pcall(ffi.cdef, [[
typedef struct { long sec; long nsec; } pb_timer_timespec;
int pb_timer_clock_gettime(int clock, pb_timer_timespec *ts) __asm__("clock_gettime");
]])
if macOS then
   pcall(ffi.cdef, [[
typedef struct { long sec; int32_t usec; int32_t pad; } pb_timer_timeval;
typedef struct { pb_timer_timeval utime; pb_timer_timeval stime; long rest[14]; } pb_timer_rusage;
int pb_timer_getrusage(int who, pb_timer_rusage *usage) __asm__("getrusage");
]])
else
   pcall(ffi.cdef, [[
typedef struct { long sec; long usec; } pb_timer_timeval;
typedef struct { pb_timer_timeval utime; pb_timer_timeval stime; long rest[14]; } pb_timer_rusage;
int pb_timer_getrusage(int who, pb_timer_rusage *usage) __asm__("getrusage");
]])
end

local CLOCK_MONOTONIC = macOS and 6 or 1
local hasPosix = ffi.os ~= 'Windows'
local ts = hasPosix and ffi.new('pb_timer_timespec') or nil
local ru = hasPosix and ffi.new('pb_timer_rusage') or nil

-- Seconds of wall-clock time from an arbitrary origin.
local function realTime()
   if hasPosix and ffi.C.pb_timer_clock_gettime(CLOCK_MONOTONIC, ts) == 0 then
      return tonumber(ts.sec) + tonumber(ts.nsec) * 1e-9
   end
   return os.time()
end

-- User and system CPU seconds of this process.
local function cpuTimes()
   if hasPosix and ffi.C.pb_timer_getrusage(0, ru) == 0 then
      return tonumber(ru.utime.sec) + tonumber(ru.utime.usec) * 1e-6,
         tonumber(ru.stime.sec) + tonumber(ru.stime.usec) * 1e-6
   end
   return os.clock(), 0
end

local function start(self)
   self._startReal = realTime()
   self._startUser, self._startSys = cpuTimes()
end

--[[ A timer, running from now. ]]
function Timer:__init()
   self._running = true
   self._totalReal, self._totalUser, self._totalSys = 0, 0, 0
   start(self)
end

--[[ Set the accumulated time to 0; a running timer counts again from now, a stopped
one stays stopped. RETURN: self ]]
function Timer:reset()
   self._totalReal, self._totalUser, self._totalSys = 0, 0, 0
   start(self)
   return self
end

--[[ Stop counting, keeping the time accumulated so far. RETURN: self ]]
function Timer:stop()
   if self._running then
      local user, sys = cpuTimes()
      self._totalReal = self._totalReal + realTime() - self._startReal
      self._totalUser = self._totalUser + user - self._startUser
      self._totalSys = self._totalSys + sys - self._startSys
      self._running = false
   end
   return self
end

--[[ Count again after `stop`, adding to the accumulated time. RETURN: self ]]
function Timer:resume()
   if not self._running then
      self._running = true
      start(self)
   end
   return self
end

--[[ The accumulated time in seconds. RETURN: table {real, user, sys} ]]
function Timer:time()
   if not self._running then
      return { real = self._totalReal, user = self._totalUser, sys = self._totalSys }
   end
   local user, sys = cpuTimes()
   return {
      real = self._totalReal + realTime() - self._startReal,
      user = self._totalUser + user - self._startUser,
      sys = self._totalSys + sys - self._startSys,
   }
end

function Timer:__tostring__()
   return 'torch.Timer [status: ' .. (self._running and 'running' or 'stopped') .. ']'
end
