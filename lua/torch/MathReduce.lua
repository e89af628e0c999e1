-- Reductions: sum, prod, cumsum, cumprod, max, min, sort, topk, kthvalue, median, mode for
-- every type; mean, var, std, norm, renorm, dist for Float and Double; all, any for Byte.
-- Over all elements they return a Lua number; along a dimension they return a tensor that
-- keeps the reduced dimension as size 1 (as Torch7 did), plus LongTensor 1-based indices
-- for max, min, sort, topk, kthvalue, median and mode. A result tensor may be passed first
-- (`torch.sum(res, t, 2)`, `res:sum(t, 2)`; `torch.max(values, indices, t, 2)`).
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local numel, rawTensor, resizeNd = torch._numel, torch._rawTensor, torch._resizeNd
local np, argError, checkDim = torch._np, torch._argError, torch._checkDim
local isTensor = torch.isTensor

local SMALL = 2048
local FLOATS = { torch._types.Double.tensorMethods, torch._types.Float.tensorMethods }
local BYTE = torch._types.Byte.tensorMethods

--[[ Make `torch.name(...)` call the method `name` of the type of its first tensor argument
(with the same arguments), naming the function when no tensor or no such method exists. ]]
function torch._dispatch(name)
   torch[name] = function(...)
      for i = 1, select('#', ...) do
         local a = select(i, ...)
         if isTensor(a) then
            local f = torch._info(a).tensorMethods[name]
            if f == nil then
               error(string.format('torch.%s: not available for %s', name, torch.typename(a)), 2)
            end
            return f(...)
         end
      end
      error(string.format('torch.%s: expected a tensor argument', name), 2)
   end
end
local dispatch = torch._dispatch

--[[ `res` when given (checked to be of type T), else a new empty tensor of type T. ]]
function torch._result(res, T, src, fname)
   if res == nil then return rawTensor(T, nil) end
   if not isTensor(res) or torch._info(res) ~= T then
      argError(src, fname, 'result must be a %s, got %s', T.tensorName, torch.typename(res)
         or type(res))
   end
   return res
end
local result = torch._result

-- Resize `r` to the sizes of `t` with dimension d (0-based) of size n.
local function resizeAlong(r, t, d, n)
   local sz = {}
   for i = 0, t._nd - 1 do sz[i + 1] = t._sz[i] end
   sz[d + 1] = n
   return resizeNd(r, t._nd, sz)
end

-- Data pointer and count of a small contiguous tensor, or nil.
local function smallData(t)
   local n = numel(t)
   if n > 0 and n <= SMALL and t._flags == 0 and t:isContiguous() and t._off + n <= t._st._n then
      return t._st._data + t._off, n
   end
end

local checkNumber = torch._checkNumber

-- sum and prod ---------------------------------------------------------------------------

-- For a small contiguous Float or Double tensor reduced along d (0-based): its data pointer
-- and the sizes before, along and after d. nil otherwise (the kernels take those).
local function smallAlong(t, d)
   local T = torch._info(t)
   if T.isint or T.isHalf then return nil end
   local data = smallData(t)
   if data == nil then return nil end
   local outer, inner = 1, 1
   for i = 0, d - 1 do outer = outer * t._sz[i] end
   for i = d + 1, t._nd - 1 do inner = inner * t._sz[i] end
   return data, outer, t._sz[d], inner
end

-- Sum, product or mean along d with LuaJIT loops into the contiguous result r.
local function loopReduce(op, src, outer, n, inner, r)
   local out = r._st._data + r._off
   for o = 0, outer - 1 do
      for i = 0, inner - 1 do
         local pos = o * n * inner + i
         local acc = op == 'prod' and 1 or 0
         if op == 'prod' then
            for k = 0, n - 1 do acc = acc * src[pos + k * inner] end
         else
            for k = 0, n - 1 do acc = acc + src[pos + k * inner] end
            if op == 'mean' then acc = acc / n end
         end
         out[o * inner + i] = acc
      end
   end
end

local function reduceDim(op, res, t, dim, p)
   local d = checkDim(t, op, dim)
   res = result(res, torch._info(t), t, op)
   resizeAlong(res, t, d, 1)
   if op == 'sum' or op == 'prod' or op == 'mean' then
      local src, outer, n, inner = smallAlong(t, d)
      if src ~= nil then
         loopReduce(op, src, outer, n, inner, res)
         return res
      end
   end
   K.reduce_dim(op, np(t), d, np(res), p)
   return res
end

local compile = torch._elementLoop.compile
local sumLoop = compile('d, n', 's = s + tonumber(d[i])', 'local s = 0', 's')
local prodLoop = compile('d, n', 's = s * d[i]', 'local s = 1', 's')
-- The first NaN met is kept (`m == m` fails from then on), as a loop would stop there.
local maxLoop = compile('d, n',
   'local v = tonumber(d[i]) if m == m and not (v <= m) then m = v end',
   'local m = tonumber(d[0])', 'm')
local minLoop = compile('d, n',
   'local v = tonumber(d[i]) if m == m and not (v >= m) then m = v end',
   'local m = tonumber(d[0])', 'm')
-- Sums of |x|^p for the norms: p = 2, p = 1, and any other p (as THTensor normall).
local squaresLoop = compile('d, n', 'local v = d[i] s = s + v * v', 'local s = 0', 's')
local absLoop = compile('d, n', 's = s + abs(d[i])', 'local s = 0', 's', 'local abs = math.abs ')
local powLoop = compile('d, n, p', 's = s + abs(d[i]) ^ p', 'local s = 0', 's',
   'local abs = math.abs ')

local function sumAll(t)
   local d, n = smallData(t)
   if d == nil then return numel(t) == 0 and 0 or K.reduce_all('sum', np(t)) end
   return sumLoop(d, n)
end

local function prodAll(t)
   local d, n = smallData(t)
   if d == nil or torch._info(t).isint then
      return numel(t) == 0 and 1 or K.reduce_all('prod', np(t))
   end
   return prodLoop(d, n)
end

--[[ Sum of all elements (a number), or along dimension `dim`.
ARGS: ([res,] t, dim) | (t)
RETURN: number or tensor ]]
function M.sum(a, b, c)
   if isTensor(b) then return reduceDim('sum', a, b, c) end
   if b == nil then return sumAll(a) end
   return reduceDim('sum', nil, a, b)
end

--[[ Product of all elements (a number), or along dimension `dim`.
ARGS: ([res,] t, dim) | (t)
RETURN: number or tensor ]]
function M.prod(a, b, c)
   if isTensor(b) then return reduceDim('prod', a, b, c) end
   if b == nil then return prodAll(a) end
   return reduceDim('prod', nil, a, b)
end

local function cumulate(op, a, b, c)
   local res, t, dim = nil, a, b
   if isTensor(b) then res, t, dim = a, b, c end
   local d = checkDim(t, op, dim or 1)
   res = result(res, torch._info(t), t, op)
   res:resizeAs(t)
   K.cumulate(op, np(t), d, np(res))
   return res
end

--[[ Running sum along `dim` (default 1). ARGS: ([res,] t, [dim]) RETURN: tensor ]]
function M.cumsum(a, b, c) return cumulate('cumsum', a, b, c) end
--[[ Running product along `dim` (default 1). ARGS: ([res,] t, [dim]) RETURN: tensor ]]
function M.cumprod(a, b, c) return cumulate('cumprod', a, b, c) end

-- max and min ----------------------------------------------------------------------------

local function extremeAll(op, t)
   if numel(t) == 0 then argError(t, op, 'the tensor has no elements') end
   local d, n = smallData(t)
   if d == nil then return K.reduce_all(op, np(t)) end
   return (op == 'max' and maxLoop or minLoop)(d, n)
end

-- Split ([values, indices,] t, rest...) into values, indices (nil when absent), t, rest...
local function withIndices(a, b, c, ...)
   if isTensor(b) and isTensor(c) then return a, b, c, ... end
   -- values:max(src, dim): a values result without an indices result
   if isTensor(a) and isTensor(b) and type(c) == 'number' then return a, nil, b, c end
   return nil, nil, a, b, c, ...
end

-- Check or make the values and indices results and size them like t with n along d.
local function prepareIndexed(op, rv, ri, t, d, n)
   rv = result(rv, torch._info(t), t, op)
   ri = result(ri, torch._types.Long, t, op)
   resizeAlong(rv, t, d, n)
   resizeAlong(ri, t, d, n)
   return rv, ri
end

-- max or min along d with LuaJIT loops (first extreme or first NaN wins).
local function loopExtreme(op, src, outer, n, inner, rv, ri)
   local vals, idx = rv._st._data + rv._off, ri._st._data + ri._off
   local isMax = op == 'max'
   for o = 0, outer - 1 do
      for i = 0, inner - 1 do
         local pos = o * n * inner + i
         local best, at = src[pos], 0
         if best == best then
            for k = 1, n - 1 do
               local v = src[pos + k * inner]
               if v ~= v or (isMax and v > best) or (not isMax and v < best) then
                  best, at = v, k
                  if v ~= v then break end
               end
            end
         end
         vals[o * inner + i] = best
         idx[o * inner + i] = at + 1
      end
   end
end

local function extreme(op, ...)
   local rv, ri, t, dim = withIndices(...)
   if dim == nil and rv == nil then return extremeAll(op, t) end
   local dd = checkDim(t, op, dim)
   rv, ri = prepareIndexed(op, rv, ri, t, dd, 1)
   local src, outer, n, inner = smallAlong(t, dd)
   if src ~= nil then
      loopExtreme(op, src, outer, n, inner, rv, ri)
   else
      K.extreme_dim(op, np(t), dd, np(rv), np(ri))
   end
   return rv, ri
end

--[[ Largest element (a number; the first NaN if any), or the largest along `dim` with its
1-based index. ARGS: (t) | ([values, indices,] t, dim) RETURN: number | values, indices ]]
function M.max(...) return extreme('max', ...) end
--[[ Smallest element, or the smallest along `dim` with its 1-based index (see max). ]]
function M.min(...) return extreme('min', ...) end

-- sort, topk, kthvalue, median, mode -----------------------------------------------------

--[[ Sort along `dim` (default the last), ascending unless `descending`; equal elements keep
their order. ARGS: ([values, indices,] t, [dim], [descending]) RETURN: values, indices ]]
function M.sort(...)
   local rv, ri, t, dim, desc = withIndices(...)
   if type(dim) == 'boolean' then dim, desc = nil, dim end
   local d = checkDim(t, 'sort', dim or t._nd)
   rv, ri = prepareIndexed('sort', rv, ri, t, d, t._sz[d])
   K.sort_dim(np(t), d, desc == true, np(rv), np(ri))
   return rv, ri
end

--[[ The `k` (default 1) smallest elements along `dim` (default the last), ascending; or the
k largest, descending, when `dir` is true. ARGS: ([values, indices,] t, [k], [dim], [dir],
[sort]) RETURN: values, indices ]]
function M.topk(...)
   local rv, ri, t, k, dim, dir = withIndices(...)
   k = k or 1
   local d = checkDim(t, 'topk', dim or t._nd)
   if type(k) ~= 'number' or k < 1 or k > t._sz[d] or k ~= math.floor(k) then
      argError(t, 'topk', 'k (%s) out of range for dimension %d (size %d)', tostring(k), d + 1,
         t._sz[d])
   end
   rv, ri = prepareIndexed('topk', rv, ri, t, d, k)
   K.topk_dim(np(t), k, d, dir == true, np(rv), np(ri))
   return rv, ri
end

local function kth(fname, rv, ri, t, k, dim)
   local d = checkDim(t, fname, dim or t._nd)
   local n = t._sz[d]
   if k == nil then k = math.floor((n - 1) / 2) + 1 end
   if type(k) ~= 'number' or k < 1 or k > n or k ~= math.floor(k) then
      argError(t, fname, 'k (%s) out of range for dimension %d (size %d)', tostring(k), d + 1, n)
   end
   rv, ri = prepareIndexed(fname, rv, ri, t, d, 1)
   K.kthvalue_dim(np(t), k, d, np(rv), np(ri))
   return rv, ri
end

--[[ The k-th smallest element along `dim` (default the last) and its 1-based index.
ARGS: ([values, indices,] t, k, [dim]) RETURN: values, indices ]]
function M.kthvalue(...)
   local rv, ri, t, k, dim = withIndices(...)
   checkNumber(t, 'kthvalue', 'k', k)
   return kth('kthvalue', rv, ri, t, k, dim)
end

--[[ The median (the lower middle element for even sizes) along `dim` (default the last).
ARGS: ([values, indices,] t, [dim]) RETURN: values, indices ]]
function M.median(...)
   local rv, ri, t, dim = withIndices(...)
   return kth('median', rv, ri, t, nil, dim)
end

--[[ The most frequent element along `dim` (default the last; the smallest on ties) and the
1-based index of one of its occurrences. ARGS: ([values, indices,] t, [dim])
RETURN: values, indices ]]
function M.mode(...)
   local rv, ri, t, dim = withIndices(...)
   local d = checkDim(t, 'mode', dim or t._nd)
   rv, ri = prepareIndexed('mode', rv, ri, t, d, 1)
   K.mode_dim(np(t), d, np(rv), np(ri))
   return rv, ri
end

-- Float and Double only: mean, var, std, norm, renorm, dist -------------------------------

local F = {}

--[[ Mean of all elements (a number), or along `dim`. ARGS: ([res,] t, dim) | (t) ]]
function F.mean(a, b, c)
   if isTensor(b) then return reduceDim('mean', a, b, c) end
   if b == nil then
      if numel(a) == 0 then argError(a, 'mean', 'the tensor has no elements') end
      return sumAll(a) / numel(a)
   end
   return reduceDim('mean', nil, a, b)
end

local function spread(op, a, b, c, d)
   if isTensor(b) then return reduceDim(op, a, b, c, d and 1 or 0) end
   if b == nil or type(b) == 'boolean' then
      if numel(a) == 0 then argError(a, op, 'the tensor has no elements') end
      return K.reduce_all(op, np(a), b and 1 or 0)
   end
   return reduceDim(op, nil, a, b, c and 1 or 0)
end

--[[ Variance over all elements (a number) or along `dim`; unbiased (n - 1) unless `biased`.
ARGS: ([res,] t, dim, [biased]) | (t, [biased]) ]]
function F.var(a, b, c, d) return spread('var', a, b, c, d) end
--[[ Standard deviation; same forms as var. ]]
function F.std(a, b, c, d) return spread('std', a, b, c, d) end

--[[ The p-norm (default 2) of all elements (a number), or along `dim`.
ARGS: ([res,] t, p, dim) | (t, [p]) ]]
function F.norm(a, b, c, d)
   if isTensor(b) then return reduceDim('norm', a, b, d, checkNumber(b, 'norm', 'p', c)) end
   if c == nil then
      local p = b or 2
      checkNumber(a, 'norm', 'p', p)
      if numel(a) == 0 then return 0 end
      local data, n = smallData(a)
      if data ~= nil and p > 0 then
         if p == 2 then return math.sqrt(squaresLoop(data, n)) end
         if p == 1 then return absLoop(data, n) end
         return powLoop(data, n, p) ^ (1 / p)
      end
      return K.reduce_all('norm', np(a), p)
   end
   return reduceDim('norm', nil, a, c, checkNumber(a, 'norm', 'p', b))
end

--[[ Rescale each slice along `dim` whose p-norm exceeds `maxnorm` to norm `maxnorm`.
ARGS: ([res,] src, p, dim, maxnorm); the method t:renorm(p, dim, maxnorm) works in place.
RETURN: res ]]
function F.renorm(a, b, ...)
   local res, src, p, dim, maxnorm
   if isTensor(b) then res, src, p, dim, maxnorm = a, b, ... else
      res, src, p, dim, maxnorm = a, a, b, ...
   end
   local d = checkDim(src, 'renorm', dim)
   checkNumber(src, 'renorm', 'maxnorm', maxnorm)
   if checkNumber(src, 'renorm', 'p', p) <= 0 then
      argError(src, 'renorm', 'p must be positive, got %s', tostring(p))
   end
   if src._nd < 2 then
      argError(src, 'renorm', 'needs at least 2 dimensions, got %d', src._nd)
   end
   res = result(res, torch._info(src), src, 'renorm')
   if not rawequal(res, src) then res:resizeAs(src) end
   K.renorm(np(src), p, d, maxnorm, np(res))
   return res
end

--[[ The p-norm (default 2) of `a - b` (same number of elements). RETURN: number ]]
function F.dist(a, b, p)
   if not isTensor(b) or torch._info(b) ~= torch._info(a) then
      argError(a, 'dist', 'expected a second %s', torch.typename(a))
   end
   if numel(a) ~= numel(b) then
      argError(a, 'dist', 'the tensors hold %d and %d elements', numel(a), numel(b))
   end
   if numel(a) == 0 then return 0 end
   return K.dist(np(a), np(b), checkNumber(a, 'dist', 'p', p or 2))
end

for name, f in pairs(F) do
   for _, methods in ipairs(FLOATS) do methods[name] = f end
end
-- torch.renorm(src, p, dim, maxnorm) returns a new tensor (the method works in place).
function torch.renorm(a, b, ...)
   if not isTensor(a) then error('torch.renorm: expected a tensor argument', 2) end
   local f = torch._info(a).tensorMethods.renorm
   if f == nil then error('torch.renorm: not available for ' .. torch.typename(a), 2) end
   if isTensor(b) then return f(a, b, ...) end
   return f(rawTensor(torch._info(a), nil), a, b, ...)
end

-- Byte only: all, any ---------------------------------------------------------------------

--[[ True when every element is non-zero (true for an empty tensor). ]]
function BYTE.all(t)
   local d, n = smallData(t)
   if d == nil then return numel(t) == 0 or K.all_any('all', np(t)) end
   for i = 0, n - 1 do if d[i] == 0 then return false end end
   return true
end

--[[ True when some element is non-zero (false for an empty tensor). ]]
function BYTE.any(t)
   local d, n = smallData(t)
   if d == nil then return numel(t) ~= 0 and K.all_any('any', np(t)) end
   for i = 0, n - 1 do if d[i] ~= 0 then return true end end
   return false
end

for _, name in ipairs({ 'sum', 'prod', 'cumsum', 'cumprod', 'max', 'min', 'sort', 'topk',
      'kthvalue', 'median', 'mode', 'mean', 'var', 'std', 'norm', 'dist', 'all', 'any' }) do
   dispatch(name)
end
