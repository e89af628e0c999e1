-- Process utilities of Torch7's torch table: tic/toc, BLAS thread count, number of cores,
-- constructor tables, object identity and class versions.
local torch = ...
local ffi = require 'ffi'
local K = torch._bridge.K

local CLOCK_REALTIME = 0
local ts = ffi.new('pb_timer_timespec')   -- declared by Timer.lua

--[[ Seconds since the epoch, with sub-microsecond resolution. RETURN: number ]]
function torch.tic()
   if ffi.C.pb_timer_clock_gettime(CLOCK_REALTIME, ts) == 0 then
      return tonumber(ts.sec) + tonumber(ts.nsec) * 1e-9
   end
   return os.time()
end

--[[ Seconds elapsed since `t`, a value returned by torch.tic(). RETURN: number ]]
function torch.toc(t)
   if type(t) ~= 'number' then
      error('torch.toc: expected the number returned by torch.tic()', 2)
   end
   return torch.tic() - t
end

--[[ Set the number of threads the BLAS/LAPACK libraries under numpy use.
ARGS: n (positive integer) ]]
function torch.setnumthreads(n)
   if type(n) ~= 'number' or n < 1 or n ~= math.floor(n) then
      error('torch.setnumthreads: expected a positive integer, got ' .. tostring(n), 2)
   end
   K.set_num_threads(n)
end

--[[ The number of threads the BLAS/LAPACK libraries under numpy use. RETURN: number ]]
function torch.getnumthreads()
   return K.get_num_threads()
end

--[[ The number of processor cores of the machine. RETURN: number ]]
function torch.getnumcores()
   return K.get_num_cores()
end

--[[ The constructor table of class `name` ('nn.Linear', 'torch.FloatTensor'). ]]
function torch.getconstructortable(name)
   local mt = torch.getmetatable(name)
   if mt == nil then error('torch.getconstructortable: unknown class ' .. tostring(name), 2) end
   return rawget(mt, '__constructor')
end

--[[ True when `a` and `b` are the same object (tensors and storages compared by identity). ]]
function torch.isequal(a, b)
   if type(a) == 'cdata' or type(b) == 'cdata' then return torch._sameObject(a, b) end
   return rawequal(a, b)
end

--[[ The class version (`__version`) of an object or class name, or nil. ]]
function torch.version(x)
   local mt = torch.getmetatable(x)
   return mt and mt.__version
end
