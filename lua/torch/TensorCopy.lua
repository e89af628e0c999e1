-- Copying: copy (any type to any type, same number of elements), clone, contiguous,
-- and the type conversions (:double(), :float(), :type(name), :typeAs(t)).
local torch = ...
local ffi = require 'ffi'
local C = ffi.C
local K = torch._bridge.K
local M = torch._tensorMethods
local numel, rawTensor = torch._numel, torch._rawTensor

local SMALL = 2048
local ROW_MIN = 32   -- elements; shorter rows cost more per memmove call than numpy's loop

-- The largest element offset `t` reaches in its storage.
local function lastOffset(t)
   local last = t._off
   for d = 0, t._nd - 1 do last = last + (t._sz[d] - 1) * t._sd[d] end
   return last
end

-- Copy between two tensors of the same type and sizes whose last dimension is contiguous,
-- one memmove per row (a narrowed block, a column range). False when that does not apply.
local function copyRows(t, src, T)
   local nd = t._nd
   if nd < 2 or src._nd ~= nd then return false end
   local inner = t._sz[nd - 1]
   if inner < ROW_MIN or t._sd[nd - 1] ~= 1 or src._sd[nd - 1] ~= 1 then return false end
   for d = 0, nd - 2 do
      if t._sz[d] ~= src._sz[d] or t._sd[d] < 0 or src._sd[d] < 0 then return false end
   end
   if lastOffset(t) >= t._st._n or lastOffset(src) >= src._st._n then return false end
   local d, s = t._st._data + t._off, src._st._data + src._off
   local bytes = inner * T.size
   if nd == 2 then
      local td, sd = t._sd[0], src._sd[0]
      for i = 0, t._sz[0] - 1 do C.memmove(d + i * td, s + i * sd, bytes) end
      return true
   end
   local idx = {}
   for k = 0, nd - 2 do idx[k] = 0 end
   local rows = numel(t) / inner
   for _ = 1, rows do
      C.memmove(d, s, bytes)
      local k = nd - 2     -- advance the odometer over the outer dimensions
      while k >= 0 do
         idx[k] = idx[k] + 1
         d, s = d + t._sd[k], s + src._sd[k]
         if idx[k] < t._sz[k] then break end
         d, s = d - t._sz[k] * t._sd[k], s - src._sz[k] * src._sd[k]
         idx[k] = 0
         k = k - 1
      end
   end
   return true
end

--[[ Copy the elements of `src` (any tensor type, same number of elements) into `t`, in
row-major order. RETURN: t ]]
function M.copy(t, src)
   if not torch.isTensor(src) then
      torch._argError(t, 'copy', 'expected a tensor to copy from, got %s', torch.type(src))
   end
   local n = numel(t)
   if n ~= numel(src) then
      torch._argError(t, 'copy', 'source has %d elements but the destination has %d',
         numel(src), n)
   end
   if n == 0 then return t end
   local T, S = torch._info(t), torch._info(src)
   if t:isContiguous() and src:isContiguous() and t._off + n <= t._st._n
         and src._off + n <= src._st._n then
      local d, s = t._st._data + t._off, src._st._data + src._off
      if T == S then
         C.memmove(d, s, n * T.size)
         return t
      elseif n <= SMALL and not (T.isint and not S.isint) and not T.isHalf and not S.isHalf
            and not torch._brokenStore(T, S) then
         for i = 0, n - 1 do d[i] = s[i] end
         return t
      end
   end
   if T == S and copyRows(t, src, T) then return t end
   K.tensor_copy(torch._np(t), torch._np(src))
   return t
end

--[[ A new tensor of the same type and size holding a contiguous copy of `t`. ]]
function M.clone(t)
   local r = rawTensor(torch._info(t), nil)
   r:resizeAs(t)
   return r:copy(t)
end

--[[ `t` itself when contiguous, else a contiguous copy. ]]
function M.contiguous(t)
   if t:isContiguous() then return t end
   return t:clone()
end

--[[ Convert `t` to tensor type `name` ('torch.FloatTensor'); `t` itself when already so. ]]
function torch._convert(t, name)
   local U = torch._typeByName[name]
   if U == nil then
      torch._argError(t, 'type', 'unknown tensor type %s', tostring(name))
   end
   if U == torch._info(t) then return t end
   local r = rawTensor(U, nil)
   r:resizeAs(t)
   return r:copy(t)
end

function M.typeAs(t, other) return t:type(other:type()) end
for _, U in ipairs(torch._allTypes) do
   M[U.name:lower()] = function(t) return torch._convert(t, U.tensorName) end
end

local fillLoop = torch._elementLoop.compile('d, n, v', 'd[i] = v')

--[[ Set every element of `t` to `value`. RETURN: t ]]
function M.fill(t, value)
   if type(value) ~= 'number' then
      torch._argError(t, 'fill', 'expected a number, got %s', type(value))
   end
   local n = numel(t)
   if n == 0 then return t end
   if n <= SMALL and t._flags == 0 and t:isContiguous() and t._off + n <= t._st._n then
      fillLoop(t._st._data + t._off, n, value)
      return t
   end
   K.tensor_fill(torch._np(t), value)
   return t
end

--[[ Set every element of `t` to 0. RETURN: t ]]
function M.zero(t) return M.fill(t, 0) end
