-- Matrix products with Torch7's argument forms: dot, mv, mm, bmm, ger, addmv, addmm, addr,
-- addbmm, baddbmm and cross. Each product is one kernel call (numpy's matmul at BLAS
-- speed); tiny contiguous floating-point products run as LuaJIT loops. Also defines the
-- argument matcher that Lapack.lua and Conv.lua share.
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local np, numel = torch._np, torch._numel

local LA = {}
torch._linalg = LA

-- Type lookup (nil for HalfTensor, which has no math) and C-style number casts are the
-- pointwise family's.
local tinfo, toReal = torch._pointwise.tinfo, torch._pointwise.toReal
local describeArgs = torch._pointwise.describe

--[[ Sizes of `t` written as "2x3" (or "empty"). ]]
local function sizeStr(t)
   if t._nd == 0 then return 'empty' end
   local parts = {}
   for d = 0, t._nd - 1 do parts[#parts + 1] = string.format('%d', t._sz[d]) end
   return table.concat(parts, 'x')
end
LA.sizeStr = sizeStr

--[[ Raise error `fmt` for function `fname` of tensor type T (level: the caller's caller). ]]
local function fail(T, fname, fmt, ...)
   local prefix = T and T.tensorName or 'torch'
   error(string.format('%s.%s: ', prefix, fname) .. string.format(fmt, ...), 4)
end
LA.fail = fail


-- Does argument `a` fit slot `s`? Slots: 't' (tensor of type T), 'i' (IntTensor),
-- 'n' (number), or a table of accepted option strings.
local function fits(s, a, T)
   if s.kind == 't' then return tinfo(a) == T end
   if s.kind == 'i' then return tinfo(a) == torch._types.Int end
   if s.kind == 'n' then return type(a) == 'number' end
   return type(a) == 'string' and s.values[a] == true
end

local function matchFrom(slots, si, args, ai, n, T, out)
   local s = slots[si]
   if s == nil then return ai > n end
   if ai <= n and fits(s, args[ai], T) then
      out[s.name] = args[ai]
      if matchFrom(slots, si + 1, args, ai + 1, n, T, out) then return true end
      out[s.name] = nil
   end
   if s.optional then
      out[s.name] = s.default
      if matchFrom(slots, si + 1, args, ai, n, T, out) then return true end
      out[s.name] = nil
   end
   return false
end

--[[ Compile a form such as 'res:t? beta:n? M:t alpha:n? x:t y:t uplo:U|L=U' into slots.
A trailing '?' marks an optional argument; '=v' gives an option's default. ]]
local function compile(form)
   local slots = {}
   for word in form:gmatch('%S+') do
      local name, spec = word:match('^([%w_]+):(.+)$')
      local s = { name = name }
      local optional = spec:sub(-1) == '?'
      if optional then spec = spec:sub(1, -2) end
      local opts, default = spec:match('^([%u|]+)=?(%u?)$')
      if spec == 't' or spec == 'n' or spec == 'i' then
         s.kind = spec
      elseif opts then
         s.kind, s.values = 'o', {}
         s.sorted = {}
         for v in opts:gmatch('%u') do
            s.values[v] = true
            s.sorted[#s.sorted + 1] = v
         end
         if default ~= '' then s.default, optional = default, true end
      else
         error('torch._linalg: bad form ' .. form)
      end
      s.optional = optional
      slots[#slots + 1] = s
   end
   return slots
end

--[[ Match the arguments `...` against the forms (strings, see compile) for function
`fname`; the first tensor argument fixes the type. Raise Torch7's "invalid arguments".
RETURN: the table of matched values by name, the type info, the index of the form ]]
function LA.parse(fname, forms, ...)
   local n = select('#', ...)
   local args = { ... }
   while n > 0 and args[n] == nil do n = n - 1 end
   local T
   for i = 1, n do
      T = tinfo(args[i])
      if T then break end
   end
   if forms.compiled == nil then
      forms.compiled = {}
      for k, form in ipairs(forms) do forms.compiled[k] = compile(form) end
   end
   for k in ipairs(forms) do
      local out = {}
      if T and matchFrom(forms.compiled[k], 1, args, 1, n, T, out) then return out, T, k end
   end
   local list = {}
   for k in ipairs(forms) do
      local words = {}
      for i, s in ipairs(forms.compiled[k]) do
         local w = s.kind == 't' and (T and T.tensorName or 'tensor')
            or s.kind == 'i' and 'torch.IntTensor' or s.kind == 'n' and 'number'
            or '\'' .. table.concat(s.sorted or {}, '\'|\'') .. '\''
         words[i] = s.optional and '[' .. w .. ']' or w
      end
      list[k] = '(' .. table.concat(words, ', ') .. ')'
   end
   fail(T, fname, 'invalid arguments (%s); expected %s', describeArgs(unpack(args, 1, n)),
      table.concat(list, ' or '))
end

--[[ Raise unless `t` has `nd` dimensions. ]]
local function needDim(T, fname, what, t, nd)
   if t._nd ~= nd then
      fail(T, fname, '%s must be a %dD tensor, got %s (%dD)', what, nd, sizeStr(t), t._nd)
   end
end
LA.needDim = needDim

--[[ Resize `t` to the given sizes unless it has them already (as TH: a tensor of the
right size keeps its strides, so results can be written into views). RETURN: t ]]
local function resizeTo(t, ...)
   local n = select('#', ...)
   local same = t._nd == n
   for d = 1, n do
      if not same then break end
      same = t._sz[d - 1] == select(d, ...)
   end
   if not same then t:resize(...) end
   return t
end
LA.resizeTo = resizeTo

-- Resize `t` like `src` unless it has its size already (the pointwise family's rule).
local resizeAs = torch._pointwise.prepare

local function sameObject(a, b) return rawequal(a, b) or torch._sameObject(a, b) end
LA.sameObject = sameObject

-- LuaJIT loops for tiny contiguous Double/Float products: r = beta * r + alpha * x . y,
-- with x n-by-k and y k-by-m (y is a vector when m == 1). Products of at most LA.TINY
-- multiply-adds loop in LuaJIT (measured crossover: about 12x12 by 12x12).
LA.TINY = 1728
local contig = torch._pointwise.contig

local function tinyGemm(r, beta, alpha, x, y, n, k, m)
   local rd, xd, yd = r._st._data + r._off, x._st._data + x._off, y._st._data + y._off
   for i = 0, n - 1 do
      for j = 0, m - 1 do
         local s = 0
         for l = 0, k - 1 do s = s + xd[i * k + l] * yd[l * m + j] end
         if beta == 0 then rd[i * m + j] = alpha * s
         else rd[i * m + j] = beta * rd[i * m + j] + alpha * s end
      end
   end
end

--[[ Whether `t` is contiguous in memory the LuaJIT loops may read; raises a clear error when
its storage shrank after it was made (function name `fname` in the message). ]]
local function flatIn(t, fname)
   if t._flags ~= 0 or not contig(t) then return false end
   torch._checkBounds(t, torch.typename(t) .. '.' .. fname)
   return true
end

--[[ res = beta * t + alpha * (x . y) for product `kind`, sizes already checked. ]]
local function addprod(T, kind, res, beta, t, alpha, x, y)
   if not sameObject(res, t) then
      -- an operand that is also the result must survive the result's resize
      if sameObject(res, x) then x = x:clone() end
      if sameObject(res, y) then y = y:clone() end
      resizeAs(res, t)
   end
   beta, alpha = toReal(T, beta), toReal(T, alpha)
   if numel(res) == 0 then return res end
   if (kind == 'mm' or kind == 'mv') and not T.isint and flatIn(res, kind) and flatIn(x, kind)
      and flatIn(y, kind) and not (sameObject(res, x) or sameObject(res, y)) then
      local n, k = x._sz[0], x._sz[1]
      local m = kind == 'mm' and y._sz[1] or 1
      if n * k * m <= LA.TINY then
         if beta ~= 0 and not sameObject(res, t) then res:copy(t) end
         tinyGemm(res, beta, alpha, x, y, n, k, m)
         return res
      end
   end
   K.blas_addprod(kind, np(res), beta, np(t), alpha, np(x), np(y))
   return res
end

-- Shape checks of each product kind: x, y and the added tensor t.
local CHECK = {}
function CHECK.mv(T, f, t, x, y)
   if x._nd ~= 2 or y._nd ~= 1 then
      fail(T, f, 'matrix and vector expected, got %dD (%s) and %dD (%s)', x._nd, sizeStr(x),
         y._nd, sizeStr(y))
   end
   if x._sz[1] ~= y._sz[0] then
      fail(T, f, 'size mismatch, matrix %s and vector %s', sizeStr(x), sizeStr(y))
   end
   if t and (t._nd ~= 1 or t._sz[0] ~= x._sz[0]) then
      fail(T, f, 'size mismatch, vector to add %s, matrix %s', sizeStr(t), sizeStr(x))
   end
end
function CHECK.mm(T, f, t, x, y)
   if x._nd ~= 2 or y._nd ~= 2 then
      fail(T, f, 'matrices expected, got %dD (%s) and %dD (%s)', x._nd, sizeStr(x), y._nd,
         sizeStr(y))
   end
   if x._sz[1] ~= y._sz[0] then
      fail(T, f, 'size mismatch, m1 %s and m2 %s', sizeStr(x), sizeStr(y))
   end
   if t and (t._nd ~= 2 or t._sz[0] ~= x._sz[0] or t._sz[1] ~= y._sz[1]) then
      fail(T, f, 'size mismatch, matrix to add %s, m1 %s, m2 %s', sizeStr(t), sizeStr(x),
         sizeStr(y))
   end
end
function CHECK.r(T, f, t, x, y)
   if x._nd ~= 1 or y._nd ~= 1 then
      fail(T, f, 'vectors expected, got %dD (%s) and %dD (%s)', x._nd, sizeStr(x), y._nd,
         sizeStr(y))
   end
   if t and (t._nd ~= 2 or t._sz[0] ~= x._sz[0] or t._sz[1] ~= y._sz[0]) then
      fail(T, f, 'size mismatch, matrix to add %s, vec1 %s, vec2 %s', sizeStr(t), sizeStr(x),
         sizeStr(y))
   end
end
local function checkBatches(T, f, x, y)
   if x._nd ~= 3 or y._nd ~= 3 then
      fail(T, f, '3D tensors expected, got %dD (%s) and %dD (%s)', x._nd, sizeStr(x), y._nd,
         sizeStr(y))
   end
   if x._sz[0] ~= y._sz[0] then
      fail(T, f, 'equal numbers of batches expected, batch1 %s, batch2 %s', sizeStr(x),
         sizeStr(y))
   end
   if x._sz[2] ~= y._sz[1] then
      fail(T, f, 'size mismatch, batch1 %s, batch2 %s', sizeStr(x), sizeStr(y))
   end
end
function CHECK.bmm(T, f, t, x, y)
   checkBatches(T, f, x, y)
   if t and (t._nd ~= 3 or t._sz[0] ~= x._sz[0] or t._sz[1] ~= x._sz[1]
         or t._sz[2] ~= y._sz[2]) then
      fail(T, f, 'size mismatch, tensor to add %s, batch1 %s, batch2 %s', sizeStr(t),
         sizeStr(x), sizeStr(y))
   end
end
function CHECK.addbmm(T, f, t, x, y)
   checkBatches(T, f, x, y)
   if t._nd ~= 2 or t._sz[0] ~= x._sz[1] or t._sz[1] ~= y._sz[2] then
      fail(T, f, 'size mismatch, matrix to add %s, batch1 %s, batch2 %s', sizeStr(t),
         sizeStr(x), sizeStr(y))
   end
end

--[[ The plain products torch.mv, mm, bmm, ger and their methods: res is resized to the
product's size and overwritten.
ARGS: torch.f([res,] x, y) or res:f(x, y); x, y: matrix and vector (mv), matrices (mm),
      3D batches of matrices (bmm), vectors (ger, the outer product)
RETURN: res (a new tensor of x's type when not given) ]]
local PLAIN = { mv = 'mv', mm = 'mm', bmm = 'bmm', ger = 'r' }
for name, kind in pairs(PLAIN) do
   local function run(T, res, x, y)
      CHECK[kind](T, name, nil, x, y)
      if sameObject(res, x) then x = x:clone() end
      if sameObject(res, y) then y = y:clone() end
      if kind == 'mv' then resizeTo(res, x._sz[0])
      elseif kind == 'mm' then resizeTo(res, x._sz[0], y._sz[1])
      elseif kind == 'r' then resizeTo(res, x._sz[0], y._sz[0])
      else resizeTo(res, x._sz[0], x._sz[1], y._sz[2]) end
      return addprod(T, kind, res, 0, res, 1, x, y)
   end
   local fforms = { 'res:t? x:t y:t' }
   torch[name] = function(...)
      local a, T = LA.parse(name, fforms, ...)
      return run(T, a.res or torch._rawTensor(T, nil), a.x, a.y)
   end
   local mforms = { 'res:t x:t y:t' }
   M[name] = function(...)
      local a, T = LA.parse(name, mforms, ...)
      return run(T, a.res, a.x, a.y)
   end
end

--[[ The accumulating products addmv, addmm, addr, addbmm (batch products summed) and
baddbmm: res = beta * t + alpha * (x . y); beta 0 ignores what t holds.
ARGS: torch.f([res,] [beta,] t, [alpha,] x, y), or as a method
      res:f([t,] [alpha,] x, y) | res:f(beta, [t,] alpha, x, y), where t defaults to res
      (one number alone is alpha); beta and alpha default to 1
RETURN: res ]]
local ADD = { addmv = 'mv', addmm = 'mm', addr = 'r', addbmm = 'addbmm', baddbmm = 'bmm' }
for name, kind in pairs(ADD) do
   local function run(T, res, beta, t, alpha, x, y)
      CHECK[kind](T, name, t, x, y)
      return addprod(T, kind, res, beta, t, alpha, x, y)
   end
   local fforms = { 'res:t? beta:n? t:t alpha:n? x:t y:t' }
   torch[name] = function(...)
      local a, T = LA.parse(name, fforms, ...)
      return run(T, a.res or torch._rawTensor(T, nil), a.beta or 1, a.t, a.alpha or 1, a.x,
         a.y)
   end
   local mforms = { 'res:t t:t? alpha:n? x:t y:t', 'res:t beta:n t:t? alpha:n x:t y:t' }
   M[name] = function(...)
      local a, T = LA.parse(name, mforms, ...)
      return run(T, a.res, a.beta or 1, a.t or a.res, a.alpha or 1, a.x, a.y)
   end
end

--[[ torch.dot(a, b) / a:dot(b): the sum of elementwise products of two tensors holding as
many elements. RETURN: a number ]]
local dotForms = { 'a:t b:t' }
local dotLoop = torch._elementLoop.compile('x, y, n', 's = s + x[i] * y[i]', 'local s = 0', 's')

function torch.dot(x, y, ...)
   -- the usual call, two tensors of one type, needs no parsing
   local T = torch.isTensor(x) and torch.isTensor(y) and torch._info(x)
   if not (T and select('#', ...) == 0 and torch._info(y) == T) then
      local a
      a, T = LA.parse('dot', dotForms, x, y, ...)
      x, y = a.a, a.b
   end
   local n = numel(x)
   if n ~= numel(y) then
      fail(T, 'dot', 'inconsistent tensor sizes %s and %s', sizeStr(x), sizeStr(y))
   end
   if n == 0 then return 0 end
   if not T.isint and not T.isHalf and n <= 2000 and flatIn(x, 'dot') and flatIn(y, 'dot') then
      return toReal(T, dotLoop(x._st._data + x._off, y._st._data + y._off, n))
   end
   return K.blas_dot(np(x), np(y))
end
M.dot = torch.dot

--[[ torch.cross([res,] a, b, [dim]) / a:cross(b, [dim]): cross products of the 3-vectors
along `dim` (default: the first dimension of size 3). RETURN: res ]]
local crossForms = { 'res:t? a:t b:t dim:n?' }
function torch.cross(...)
   local a, T = LA.parse('cross', crossForms, ...)
   local x, y, dim = a.a, a.b, a.dim
   if x._nd ~= y._nd or numel(x) ~= numel(y) or not x:isSameSizeAs(y) then
      fail(T, 'cross', 'inconsistent tensor sizes %s and %s', sizeStr(x), sizeStr(y))
   end
   if dim == nil then
      for d = 0, x._nd - 1 do
         if x._sz[d] == 3 then dim = d + 1; break end
      end
      if dim == nil then fail(T, 'cross', 'no dimension of size 3 in %s', sizeStr(x)) end
   end
   if dim < 1 or dim > x._nd or dim ~= math.floor(dim) then
      fail(T, 'cross', 'dimension %s out of range of a %dD tensor', tostring(dim), x._nd)
   end
   if x._sz[dim - 1] ~= 3 then
      fail(T, 'cross', 'dimension %d of %s does not have size 3', dim, sizeStr(x))
   end
   local res = a.res or torch._rawTensor(T, nil)
   if not sameObject(res, x) then resizeAs(res, x) end
   K.blas_cross(np(res), np(x), np(y), dim - 1)
   return res
end
M.cross = torch.cross
