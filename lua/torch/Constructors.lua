-- Tensor constructors and whole-tensor helpers: zeros, ones, eye, range, linspace,
-- logspace, diag, tril, triu, trace, cat, split, chunk, reshape, repeatTensor, histc, equal,
-- numel, totable. The methods zeros, ones, eye, range, linspace and logspace fill the tensor
-- they are called on (`res:range(1, 5)`); the torch.* forms make a new tensor of the default
-- type, or fill a result given first (`torch.range(res, 1, 5)`).
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local numel, rawTensor, resizeNd = torch._numel, torch._rawTensor, torch._resizeNd
local np, argError, isTensor = torch._np, torch._argError, torch.isTensor
local result, dispatch = torch._result, torch._dispatch

local SMALL = 2048
local FLOATS = { torch._types.Double.tensorMethods, torch._types.Float.tensorMethods }

local checkNumber = torch._checkNumber

-- `torch.name(...)`: a new tensor of the default type, or the result tensor given first,
-- filled by the method `name`.
local function filler(name)
   torch[name] = function(a, ...)
      local res = a
      local args = { ... }
      local n = select('#', ...)
      if not isTensor(a) then
         res = rawTensor(torch._typeByName[torch.getdefaulttensortype()], nil)
         args = { a, ... }
         n = n + 1
      end
      local f = torch._info(res).tensorMethods[name]
      if f == nil then
         error(string.format('torch.%s: not available for %s', name, torch.typename(res)), 2)
      end
      return f(res, unpack(args, 1, n))
   end
end

--[[ Resize `t` to the given sizes (numbers or a LongStorage) and fill it with zeros.
RETURN: t ]]
function M.zeros(t, ...)
   resizeNd(t, torch._parseSizes(torch.typename(t) .. '.zeros', 1, ...))
   return t:zero()
end

--[[ Resize `t` to the given sizes and fill it with ones. RETURN: t ]]
function M.ones(t, ...)
   resizeNd(t, torch._parseSizes(torch.typename(t) .. '.ones', 1, ...))
   return t:fill(1)
end

--[[ Make `t` the n x m identity-like matrix (m defaults to n). RETURN: t ]]
function M.eye(t, n, m)
   checkNumber(t, 'eye', 'n', n)
   if n <= 0 then argError(t, 'eye', 'n must be positive, got %s', tostring(n)) end
   if m == nil or m <= 0 then m = n end
   resizeNd(t, 2, { n, m })
   K.eye(np(t))
   return t
end

--[[ Fill `t` with xmin, xmin + step, ... up to xmax inclusive: floor((xmax - xmin) / step) + 1
elements. ARGS: xmin, xmax, [step = 1] RETURN: t ]]
function M.range(t, xmin, xmax, step)
   step = step or 1
   checkNumber(t, 'range', 'xmin', xmin)
   checkNumber(t, 'range', 'xmax', xmax)
   checkNumber(t, 'range', 'step', step)
   local T = torch._info(t)
   if T.isint then
      local trunc = function(x) return x < 0 and math.ceil(x) or math.floor(x) end
      xmin, xmax, step = trunc(xmin), trunc(xmax), trunc(step)
   end
   if step == 0 then argError(t, 'range', 'step must be non-zero') end
   if (step > 0 and xmax < xmin) or (step < 0 and xmax > xmin) then
      argError(t, 'range', 'the bounds %s and %s do not agree with the sign of step %s',
         tostring(xmin), tostring(xmax), tostring(step))
   end
   local q = (xmax - xmin) / step
   local n = math.floor(q) + 1
   if numel(t) ~= n then resizeNd(t, 1, { n }) end
   if n <= SMALL and t:isContiguous() and t._flags == 0 and t._off + n <= t._st._n then
      local d = t._st._data + t._off
      for i = 0, n - 1 do d[i] = xmin + i * step end
   else
      local tmp = t:isContiguous() and t or rawTensor(T, nil):resize(n)
      K.fill_range(np(tmp), xmin, step)
      if tmp ~= t then t:copy(tmp) end
   end
   return t
end

local function spaced(name, log)
   return function(t, a, b, n)
      n = n or 100
      checkNumber(t, name, 'a', a)
      checkNumber(t, name, 'b', b)
      checkNumber(t, name, 'n', n)
      if not (n > 1 or (n == 1 and a == b)) then
         argError(t, name, 'invalid number of points %s', tostring(n))
      end
      if numel(t) ~= n then resizeNd(t, 1, { n }) end
      local tmp = t:isContiguous() and t or rawTensor(torch._info(t), nil):resize(n)
      K.fill_linspace(np(tmp), a, b, log)
      if tmp ~= t then t:copy(tmp) end
      return t
   end
end
for _, methods in ipairs(FLOATS) do
   --[[ Fill with n (default 100) equally spaced points from a to b. RETURN: t ]]
   methods.linspace = spaced('linspace', false)
   --[[ Fill with n (default 100) points 10^x, x equally spaced from a to b. RETURN: t ]]
   methods.logspace = spaced('logspace', true)
end

for _, name in ipairs({ 'zeros', 'ones', 'eye', 'range', 'linspace', 'logspace' }) do
   filler(name)
end

-- ([res,] t, ...) forms: a result tensor first when the second argument is a tensor.
local function splitRes(a, b, ...)
   if isTensor(b) then return a, b, ... end
   return nil, a, b, ...
end

--[[ A vector gives a square matrix with it on diagonal k (default 0, above the main one when
positive); a matrix gives its diagonal k as a vector. ARGS: ([res,] t, [k]) RETURN: res ]]
function M.diag(...)
   local res, t, k = splitRes(...)
   k = k or 0
   res = result(res, torch._info(t), t, 'diag')
   if t._nd == 1 then
      local n = t._sz[0] + math.abs(k)
      resizeNd(res, 2, { n, n })
   elseif t._nd == 2 then
      local n = k >= 0 and math.min(t._sz[0], t._sz[1] - k) or math.min(t._sz[0] + k, t._sz[1])
      if n <= 0 then return res:resize(0) end
      resizeNd(res, 1, { n })
   else
      argError(t, 'diag', 'expected a vector or a matrix, got a %dD tensor', t._nd)
   end
   K.diag(np(t), k, np(res))
   return res
end

local function triangle(name, upper)
   return function(...)
      local res, t, k = splitRes(...)
      if t._nd ~= 2 then argError(t, name, 'expected a matrix, got a %dD tensor', t._nd) end
      res = result(res, torch._info(t), t, name)
      res:resizeAs(t)
      K.triangle(np(t), k or 0, upper, np(res))
      return res
   end
end
--[[ Lower triangle of a matrix from diagonal k (default 0). ARGS: ([res,] t, [k]) ]]
M.tril = triangle('tril', false)
--[[ Upper triangle of a matrix from diagonal k (default 0). ARGS: ([res,] t, [k]) ]]
M.triu = triangle('triu', true)

--[[ Sum of the main diagonal of a matrix. RETURN: number ]]
function M.trace(t)
   if t._nd ~= 2 then argError(t, 'trace', 'expected a matrix, got a %dD tensor', t._nd) end
   local d, step = t._st._data, t._sd[0] + t._sd[1]
   local s, pos = 0, t._off
   for _ = 1, math.min(t._sz[0], t._sz[1]) do
      if pos >= t._st._n then torch._staleError(t, pos) end
      s = s + tonumber(d[pos])
      pos = pos + step
   end
   return s
end

--[[ Whether `t` and `other` have the same sizes and elements. RETURN: boolean ]]
function M.equal(t, other)
   if not isTensor(other) or torch._info(other) ~= torch._info(t) then
      argError(t, 'equal', 'expected a %s, got %s', torch.typename(t), torch.typename(other)
         or type(other))
   end
   if not t:isSameSizeAs(other) then return false end
   if numel(t) == 0 then return true end
   return K.tensors_equal(np(t), np(other))
end

--[[ A histogram of `t` in `nbins` (default 100) bins between min and max (both 0 by default:
the data's own range). ARGS: ([res,] t, [nbins], [min], [max]) RETURN: res ]]
local function histc(...)
   local res, t, nbins, lo, hi = splitRes(...)
   nbins, lo, hi = nbins or 100, lo or 0, hi or 0
   checkNumber(t, 'histc', 'nbins', nbins)
   if nbins < 1 then argError(t, 'histc', 'nbins must be positive, got %s', tostring(nbins)) end
   res = result(res, torch._info(t), t, 'histc')
   resizeNd(res, 1, { nbins })
   if numel(t) == 0 then return res:zero() end
   K.histc(np(t), nbins, lo, hi, np(res))
   return res
end
--[[ One histogram per row of a matrix (see histc). ARGS: ([res,] t, [nbins], [min], [max])
RETURN: res, of size t:size(1) x nbins ]]
local function bhistc(...)
   local res, t, nbins, lo, hi = splitRes(...)
   nbins, lo, hi = nbins or 100, lo or 0, hi or 0
   checkNumber(t, 'bhistc', 'nbins', nbins)
   if nbins < 1 then argError(t, 'bhistc', 'nbins must be positive, got %s', tostring(nbins)) end
   if t._nd ~= 2 then argError(t, 'bhistc', 'expected a matrix, got a %dD tensor', t._nd) end
   res = result(res, torch._info(t), t, 'bhistc')
   resizeNd(res, 2, { t._sz[0], nbins })
   K.histc(np(t), nbins, lo, hi, np(res))
   return res
end
for _, methods in ipairs(FLOATS) do
   methods.histc = histc
   methods.bhistc = bhistc
end

for _, name in ipairs({ 'diag', 'tril', 'triu', 'trace', 'equal', 'histc', 'bhistc', 'numel',
      'reshape', 'repeatTensor' }) do
   dispatch(name)
end

-- cat, split, chunk, reshape, repeatTensor, totable ---------------------------------------

--[[ Concatenate tensors along `dim` (default: the last dimension of the tensor with the
most). Missing dimensions count as size 1; empty tensors are skipped.
ARGS: ([res,] t1, t2, [dim]) | ([res,] {t1, t2, ...}, [dim]) RETURN: res ]]
function M.cat(a, b, c, d)
   local res, list, dim
   if type(a) == 'table' then list, dim = a, b
   elseif type(b) == 'table' then res, list, dim = a, b, c
   elseif isTensor(c) then res, list, dim = a, { b, c }, d
   else list, dim = { a, b }, c end
   local first = list[1]
   if not isTensor(first) then error('torch.cat: expected tensors to concatenate', 2) end
   local T = torch._info(first)
   local maxDim = dim or 0
   for i, x in ipairs(list) do
      if not isTensor(x) or torch._info(x) ~= T then
         argError(first, 'cat', 'argument %d is a %s, expected a %s', i,
            torch.typename(x) or type(x), T.tensorName)
      end
      maxDim = math.max(maxDim, x._nd)
   end
   if dim ~= nil and (type(dim) ~= 'number' or dim < 1) then
      argError(first, 'cat', 'invalid dimension %s', tostring(dim))
   end
   local cd = dim or math.max(maxDim, 1)
   res = result(res, T, first, 'cat')
   local function sizeOf(x, i) return i <= x._nd and x._sz[i - 1] or math.min(x._nd, 1) end
   local sz, empty = {}, true
   for i = 1, maxDim do
      local s = sizeOf(list[1], i)
      for j = 2, #list do
         local sj = sizeOf(list[j], i)
         if i == cd then s = s + sj
         elseif s ~= sj and s ~= 0 and sj ~= 0 then
            argError(first, 'cat', 'inconsistent sizes in dimension %d (%d and %d)', i, s, sj)
         elseif s == 0 then s = sj end
      end
      empty = empty and s == 0
      sz[i] = s
   end
   if empty then return res end
   resizeNd(res, maxDim, sz)
   local offset = 1
   for _, x in ipairs(list) do
      if x._nd > 0 then
         local n = cd <= x._nd and x._sz[cd - 1] or 1
         res:narrow(cd, offset, n):copy(x)
         offset = offset + n
      end
   end
   return res
end

function torch.cat(...) return M.cat(...) end

--[[ Views of `t` in pieces of `size` along `dim` (default 1); the last may be smaller.
ARGS: ([result table,] t, size, [dim]) RETURN: a table of tensors ]]
function M.split(a, b, c, d)
   local out, t, size, dim = a, b, c, d
   if type(a) ~= 'table' then out, t, size, dim = {}, a, b, c
   else for k in pairs(out) do out[k] = nil end end
   dim = dim or 1
   torch._checkDim(t, 'split', dim)
   checkNumber(t, 'split', 'size', size)
   if size < 1 then argError(t, 'split', 'size must be positive, got %s', tostring(size)) end
   local n, first = t:size(dim), 1
   while first <= n do
      local len = math.min(size, n - first + 1)
      out[#out + 1] = t:narrow(dim, first, len)
      first = first + len
   end
   return out
end

--[[ Split `t` into `n` pieces of equal size (the last may be smaller) along `dim`
(default 1). ARGS: ([result table,] t, n, [dim]) RETURN: a table of tensors ]]
function M.chunk(a, b, c, d)
   local out, t, n, dim = a, b, c, d
   if type(a) ~= 'table' then out, t, n, dim = {}, a, b, c end
   dim = dim or 1
   torch._checkDim(t, 'chunk', dim)
   checkNumber(t, 'chunk', 'n', n)
   return M.split(out, t, math.ceil(t:size(dim) / n), dim)
end
torch.split, torch.chunk = M.split, M.chunk

--[[ A contiguous copy of `t` with new sizes (numbers or a LongStorage), same number of
elements. ARGS: ([res,] t, sizes...) RETURN: res ]]
function M.reshape(a, b, ...)
   local res, t = nil, a
   local nd, sz
   if isTensor(b) then
      res, t = a, b
      nd, sz = torch._parseSizes(torch.typename(t) .. '.reshape', 1, ...)
   else
      nd, sz = torch._parseSizes(torch.typename(t) .. '.reshape', 1, b, ...)
   end
   local n = nd > 0 and 1 or 0
   for i = 1, nd do n = n * sz[i] end
   if n ~= numel(t) then
      argError(t, 'reshape', 'cannot reshape %d elements into %d', numel(t), n)
   end
   res = result(res, torch._info(t), t, 'reshape')
   resizeNd(res, nd, sz)
   if n > 0 then res:copy(t) end
   return res
end

--[[ `t` repeated `sizes[i]` times along each dimension (sizes may add leading dimensions).
ARGS: ([res,] t, sizes...) RETURN: res ]]
function M.repeatTensor(a, b, ...)
   local res, t = nil, a
   local nd, reps
   if isTensor(b) then
      res, t = a, b
      nd, reps = torch._parseSizes(torch.typename(t) .. '.repeatTensor', 1, ...)
   else
      nd, reps = torch._parseSizes(torch.typename(t) .. '.repeatTensor', 1, b, ...)
   end
   if nd < t._nd then
      argError(t, 'repeatTensor', 'got %d repeat counts for a %dD tensor', nd, t._nd)
   end
   if t._nd == 0 then argError(t, 'repeatTensor', 'cannot repeat an empty tensor') end
   local sz = {}
   for i = 1, nd do
      local k = i - (nd - t._nd)
      sz[i] = reps[i] * (k >= 1 and t._sz[k - 1] or 1)
   end
   res = result(res, torch._info(t), t, 'repeatTensor')
   resizeNd(res, nd, sz)
   if numel(res) > 0 then K.repeat_tensor(np(t), np(res)) end
   return res
end

local function totable(t)
   local nd = t._nd
   if nd == 0 then return {} end
   local d, half = t._st._data, t._flags == 1
   local function build(k, pos)
      local out, n, step = {}, t._sz[k], t._sd[k]
      for i = 1, n do
         if k == nd - 1 then
            if pos >= t._st._n then torch._staleError(t, pos) end
            out[i] = half and torch._halfToNumber(d[pos]) or tonumber(d[pos])
         else
            out[i] = build(k + 1, pos)
         end
         pos = pos + step
      end
      return out
   end
   return build(0, t._off)
end

--[[ The elements of `t` as nested Lua tables (one level per dimension). ]]
M.totable = totable
-- As in Torch7, HalfTensor has totable, split, chunk and repeatTensor too.
torch._halfMethods.totable = totable
torch._halfMethods.split, torch._halfMethods.chunk = M.split, M.chunk
torch._halfMethods.repeatTensor = M.repeatTensor
function torch.totable(t) return totable(t) end
