-- Index operations: index (select slices by a LongTensor of 1-based indices), indexCopy,
-- indexAdd, indexFill, gather, scatter, maskedSelect, maskedCopy, maskedFill (ByteTensor
-- masks of 0s and 1s) and nonzero. An index out of range raises an error naming the
-- function; nothing is read or written outside a tensor.
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local numel, resizeNd = torch._numel, torch._resizeNd
local np, argError, checkDim, isTensor = torch._np, torch._argError, torch._checkDim, torch.isTensor
local result, dispatch = torch._result, torch._dispatch
local LONG, BYTE = torch._types.Long, torch._types.Byte
local C = require('ffi').C

local SMALL = 2048

local function checkIndex(t, fname, index, vector)
   if not isTensor(index) or torch._info(index) ~= LONG then
      argError(t, fname, 'indices must be a torch.LongTensor, got %s',
         torch.typename(index) or type(index))
   end
   if vector and index._nd ~= 1 then
      argError(t, fname, 'indices must be a vector, got a %dD tensor', index._nd)
   end
end

local function checkSame(t, fname, what, other)
   if not isTensor(other) or torch._info(other) ~= torch._info(t) then
      argError(t, fname, '%s must be a %s, got %s', what, torch.typename(t),
         torch.typename(other) or type(other))
   end
end

local function checkMask(t, fname, mask)
   if not isTensor(mask) or torch._info(mask) ~= BYTE then
      argError(t, fname, 'mask must be a torch.ByteTensor, got %s',
         torch.typename(mask) or type(mask))
   end
   if numel(mask) ~= numel(t) then
      argError(t, fname, 'mask has %d elements but the tensor has %d', numel(mask), numel(t))
   end
end

-- Raise for the out-of-range index `bad` returned by a kernel.
local function checkBad(t, fname, bad, d)
   if bad ~= nil then
      argError(t, fname, 'index %d out of range for dimension %d (size %d)', bad, d + 1,
         t._sz[d])
   end
end

-- index() by block copies when src and index are contiguous and the blocks are few: true
-- when done. Checks every index first.
local function copyRows(src, d, index, res)
   local m = index._sz[0]
   local outer, inner = 1, 1
   for i = 0, d - 1 do outer = outer * src._sz[i] end
   for i = d + 1, src._nd - 1 do inner = inner * src._sz[i] end
   if outer * m > SMALL or src._flags ~= 0 or not src:isContiguous()
         or not index:isContiguous() or numel(res) == 0 then
      return false
   end
   local n, T = src._sz[d], torch._info(src)
   if src._off + numel(src) > src._st._n or index._off + m > index._st._n then return false end
   local ix = index._st._data + index._off
   for j = 0, m - 1 do
      local k = tonumber(ix[j])
      if k < 1 or k > n then checkBad(src, 'index', k, d) end
   end
   local from, to, bytes = src._st._data + src._off, res._st._data + res._off, inner * T.size
   for o = 0, outer - 1 do
      for j = 0, m - 1 do
         C.memcpy(to + (o * m + j) * inner, from + (o * n + tonumber(ix[j]) - 1) * inner, bytes)
      end
   end
   return true
end

--[[ The slices `index` (a LongTensor vector of 1-based indices) of `src` along `dim`.
ARGS: ([res,] src, dim, index) RETURN: res ]]
function M.index(a, b, c, d)
   local res, src, dim, index = nil, a, b, c
   if isTensor(b) then res, src, dim, index = a, b, c, d end
   local dd = checkDim(src, 'index', dim)
   checkIndex(src, 'index', index, true)
   res = result(res, torch._info(src), src, 'index')
   local sz = {}
   for i = 0, src._nd - 1 do sz[i + 1] = src._sz[i] end
   sz[dd + 1] = index._sz[0]
   resizeNd(res, src._nd, sz)
   if not copyRows(src, dd, index, res) then
      checkBad(src, 'index', K.index_select(np(src), dd, np(index), np(res)), dd)
   end
   return res
end

local function indexPut(fname, add)
   return function(t, dim, index, src)
      local d = checkDim(t, fname, dim)
      checkIndex(t, fname, index, true)
      checkSame(t, fname, 'source', src)
      local n = index._sz[0]
      if src._nd ~= t._nd or src._sz[d] ~= n or numel(src) ~= numel(t) / t._sz[d] * n then
         argError(t, fname, 'source must have %d slices along dimension %d, each the size ' ..
            'of the destination\'s', n, dim)
      end
      checkBad(t, fname, K.index_put(np(t), d, np(index), np(src), add), d)
      return t
   end
end
--[[ Copy slice i of `src` into slice index[i] of `t` along `dim`. ARGS: (dim, index, src)
RETURN: t ]]
M.indexCopy = indexPut('indexCopy', false)
--[[ Add slice i of `src` to slice index[i] of `t` along `dim` (repeated indices add up).
ARGS: (dim, index, src) RETURN: t ]]
M.indexAdd = indexPut('indexAdd', true)

--[[ Fill the slices `index` of `t` along `dim` with `value`. RETURN: t ]]
function M.indexFill(t, dim, index, value)
   local d = checkDim(t, 'indexFill', dim)
   checkIndex(t, 'indexFill', index, true)
   if type(value) ~= 'number' then
      argError(t, 'indexFill', 'value must be a number, got %s', type(value))
   end
   checkBad(t, 'indexFill', K.index_fill(np(t), d, np(index), value), d)
   return t
end

-- Check that a and b have the same sizes except in dimension d (0-based).
local function checkAlong(t, fname, d, a, aname, b, bname)
   if a._nd ~= b._nd then
      argError(t, fname, '%s has %d dimensions but %s has %d', aname, a._nd, bname, b._nd)
   end
   for i = 0, a._nd - 1 do
      if i ~= d and a._sz[i] ~= b._sz[i] then
         argError(t, fname, '%s and %s differ in size in dimension %d (%d and %d)', aname,
            bname, i + 1, a._sz[i], b._sz[i])
      end
   end
end

--[[ res[i][j]... = src[index[i][j]...] along `dim` (res takes the sizes of `index`).
ARGS: ([res,] src, dim, index) RETURN: res ]]
function M.gather(a, b, c, d)
   local res, src, dim, index = nil, a, b, c
   if isTensor(b) then res, src, dim, index = a, b, c, d end
   local dd = checkDim(src, 'gather', dim)
   checkIndex(src, 'gather', index, false)
   checkAlong(src, 'gather', dd, index, 'index', src, 'source')
   res = result(res, torch._info(src), src, 'gather')
   res:resizeAs(index)
   checkBad(src, 'gather', K.gather(np(src), dd, np(index), np(res)), dd)
   return res
end

--[[ t[index[i][j]...] = src[i][j]... (or `value`) along `dim`: the reverse of gather.
ARGS: (dim, index, src | value) RETURN: t ]]
function M.scatter(t, dim, index, src)
   local d = checkDim(t, 'scatter', dim)
   checkIndex(t, 'scatter', index, false)
   checkAlong(t, 'scatter', d, index, 'index', t, 'destination')
   local bad
   if type(src) == 'number' then
      bad = K.scatter(np(t), d, np(index), nil, src)
   else
      checkSame(t, 'scatter', 'source', src)
      checkAlong(t, 'scatter', d, src, 'source', t, 'destination')
      if src._sz[d] < index._sz[d] then
         argError(t, 'scatter', 'source has %d elements along dimension %d but index has %d',
            src._sz[d], dim, index._sz[d])
      end
      bad = K.scatter(np(t), d, np(index), np(src), 0)
   end
   checkBad(t, 'scatter', bad, d)
   return t
end

local function maskCount(t, fname, mask)
   local n = K.mask_count(np(mask))
   if n < 0 then argError(t, fname, 'mask must hold only 0 and 1') end
   return n
end

--[[ The elements of `src` where `mask` is 1, in row-major order, as a vector.
ARGS: ([res,] src, mask) RETURN: res ]]
function M.maskedSelect(a, b, c)
   local res, src, mask = nil, a, b
   if c ~= nil then res, src, mask = a, b, c end
   checkMask(src, 'maskedSelect', mask)
   res = result(res, torch._info(src), src, 'maskedSelect')
   if numel(src) == 0 then return res:resize(0) end
   local n = maskCount(src, 'maskedSelect', mask)
   resizeNd(res, 1, { n })
   if n > 0 then K.masked_select(np(src), np(mask), np(res)) end
   return res
end

--[[ Copy the first elements of `src`, in order, to the positions where `mask` is 1.
RETURN: t ]]
function M.maskedCopy(t, mask, src)
   checkMask(t, 'maskedCopy', mask)
   checkSame(t, 'maskedCopy', 'source', src)
   if numel(t) == 0 then return t end
   local n = maskCount(t, 'maskedCopy', mask)
   if n > numel(src) then
      argError(t, 'maskedCopy', 'the mask selects %d elements but the source has %d', n,
         numel(src))
   end
   if n > 0 then K.masked_copy(np(t), np(mask), np(src)) end
   return t
end

--[[ Set the elements where `mask` is 1 to `value`. RETURN: t ]]
function M.maskedFill(t, mask, value)
   checkMask(t, 'maskedFill', mask)
   if type(value) ~= 'number' then
      argError(t, 'maskedFill', 'value must be a number, got %s', type(value))
   end
   if numel(t) == 0 then return t end
   maskCount(t, 'maskedFill', mask)
   K.masked_fill(np(t), np(mask), value)
   return t
end

--[[ The 1-based subscripts of the non-zero elements of `t`, one row per element in
row-major order: a LongTensor of size count x t:dim(). ARGS: ([res,] t) RETURN: res ]]
function M.nonzero(a, b)
   local res, t = nil, a
   if b ~= nil then res, t = a, b end
   res = result(res, LONG, t, 'nonzero')
   local n = numel(t) > 0 and K.count_nonzero(np(t)) or 0
   resizeNd(res, 2, { n, t._nd })
   if n > 0 then K.nonzero(np(t), np(res)) end
   return res
end

for _, name in ipairs({ 'index', 'indexCopy', 'indexAdd', 'indexFill', 'gather', 'scatter',
      'maskedSelect', 'maskedCopy', 'maskedFill', 'nonzero' }) do
   dispatch(name)
end
