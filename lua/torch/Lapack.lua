-- LAPACK functions with Torch7's forms: torch.gesv, gels, trtrs, inverse, potrf, potrs,
-- potri, pstrf, symeig, eig, svd, qr, geqrf, orgqr, ormqr (Float and Double tensors).
-- Result tensors come first and are optional; as in Torch7, matrices that LAPACK wrote
-- come back in column-major layout (strides 1, rows), and one-dimensional right-hand sides
-- give n-by-1 solutions.
local torch = ...
local K = torch._bridge.K
local LA = torch._linalg
local np, rawTensor = torch._np, torch._rawTensor
local fail, sizeStr, sameObject = LA.fail, LA.sizeStr, LA.sameObject
local resizeTo = LA.resizeTo

local function isColumnMajor(t)
   return t._nd == 2 and t._sd[0] == 1 and t._sd[1] == t._sz[0]
end

--[[ The matrix LAPACK works on: `res` laid out column-major with `nrows` rows (default
src's) holding `src` in its first rows. When `res` is `src` and already has that layout
the work happens in place; otherwise a new matrix is used and `finish` copies it back. ]]
local function columnMajor(T, res, src, nrows)
   nrows = nrows or src._sz[0]
   if res ~= nil and sameObject(res, src) then
      if isColumnMajor(src) and src._sz[0] == nrows then return src end
      res = nil
   end
   local work = res or rawTensor(T, nil)
   work:resize(src._sz[1], nrows)
   if work:isContiguous() then work:set(work:t()) end
   if nrows == src._sz[0] then work:copy(src) else work:narrow(1, 1, src._sz[0]):copy(src) end
   return work
end

--[[ Copy the work matrix back into the result when they differ (TH's freeCopyTo). ]]
local function finish(work, res)
   if res ~= nil and not sameObject(work, res) then res:copy(work) end
   return res or work
end

--[[ Resize `t` to an m-by-n column-major matrix (as TH resized, then transposed). ]]
local function resizeColumnMajor(t, m, n)
   t:resize(n, m)
   if t:isContiguous() then t:set(t:t()) end
   return t
end

-- Argument checks shared by the solvers.
local function checkSquare(T, f, a)
   if a._nd ~= 2 then fail(T, f, 'A should be 2 dimensional, got %s', sizeStr(a)) end
   if a._sz[0] ~= a._sz[1] then fail(T, f, 'A should be square, got %s', sizeStr(a)) end
end
local function checkSystem(T, f, b, a, square)
   if a._nd ~= 2 then fail(T, f, 'A should have 2 dimensions, got %s', sizeStr(a)) end
   if b._nd ~= 1 and b._nd ~= 2 then
      fail(T, f, 'B should have 1 or 2 dimensions, got %s', sizeStr(b))
   end
   if square and a._sz[0] ~= a._sz[1] then
      fail(T, f, 'A should be square, got %s', sizeStr(a))
   end
   if a._sz[0] ~= b._sz[0] then
      fail(T, f, 'A and B sizes incompatible: A is %s, B is %s', sizeStr(a), sizeStr(b))
   end
   if b._nd == 1 then return b:unsqueeze(2) end
   return b
end

--[[ Define torch.`name`: `forms` as for torch._linalg.parse; `impl(T, args)` does the
work. Only Float and Double tensors have LAPACK. ]]
local function define(name, forms, impl)
   torch[name] = function(...)
      local a, T = LA.parse(name, forms, ...)
      if T.isint then fail(T, name, 'only available for Float and Double tensors') end
      return impl(T, a)
   end
end

local function check(T, f, info, fmt, ...)
   if info ~= 0 then fail(T, f, fmt, ...) end
end

define('gesv', { 'rb:t ra:t b:t a:t', 'b:t a:t' }, function(T, x)
   local b = checkSystem(T, 'gesv', x.b, x.a, true)
   local ra = columnMajor(T, x.ra, x.a)
   local rb = columnMajor(T, x.rb, b)
   local info = K.lapack_gesv(np(ra), np(rb))
   check(T, 'gesv', info, 'U(%d,%d) is zero, singular matrix A', info, info)
   return finish(rb, x.rb), finish(ra, x.ra)
end)

define('trtrs', { 'rb:t ra:t b:t a:t uplo:U|L=U trans:N|T=N diag:N|U=N',
                  'b:t a:t uplo:U|L=U trans:N|T=N diag:N|U=N' }, function(T, x)
   local b = checkSystem(T, 'trtrs', x.b, x.a, true)
   local ra = columnMajor(T, x.ra, x.a)
   local rb = columnMajor(T, x.rb, b)
   local info = K.lapack_trtrs(np(ra), np(rb), x.uplo, x.trans, x.diag)
   check(T, 'trtrs', info, 'A(%d,%d) is zero, singular matrix A', info, info)
   return finish(rb, x.rb), finish(ra, x.ra)
end)

define('gels', { 'rb:t ra:t b:t a:t', 'b:t a:t' }, function(T, x)
   local b = checkSystem(T, 'gels', x.b, x.a, false)
   local m, n = x.a._sz[0], x.a._sz[1]
   local ra = columnMajor(T, x.ra, x.a)
   local rb = columnMajor(T, x.rb, b, math.max(m, n))
   local info = K.lapack_gels(np(ra), np(rb))
   check(T, 'gels', info, 'the %d-th diagonal element of the triangular factor of A is zero '
      .. '(A does not have full rank)', info)
   rb:set(rb:narrow(1, 1, n))
   if x.rb ~= nil and not sameObject(rb, x.rb) then resizeTo(x.rb, n, rb._sz[1]) end
   return finish(rb, x.rb), finish(ra, x.ra)
end)

define('symeig', { 'e:t v:t a:t jobz:N|V=N uplo:U|L=U', 'a:t jobz:N|V=N uplo:U|L=U' },
function(T, x)
   checkSquare(T, 'symeig', x.a)
   local v = columnMajor(T, x.v, x.a)
   local e = x.e or rawTensor(T, nil)
   resizeTo(e, x.a._sz[0])
   local info = K.lapack_syev(np(v), np(e), x.jobz, x.uplo)
   check(T, 'symeig', info, 'the eigenvalue algorithm did not converge')
   return e, finish(v, x.v)
end)

define('eig', { 'e:t v:t a:t jobvr:N|V=N', 'a:t jobvr:N|V=N' }, function(T, x)
   checkSquare(T, 'eig', x.a)
   local n = x.a._sz[0]
   local a = columnMajor(T, nil, x.a)
   local e = resizeTo(x.e or rawTensor(T, nil), n, 2)
   local v = x.v or rawTensor(T, nil)
   if x.jobvr == 'V' then resizeColumnMajor(v, n, n) end
   local info = K.lapack_geev(np(a), np(e), x.jobvr == 'V' and np(v) or nil, x.jobvr)
   check(T, 'eig', info, 'the QR algorithm did not converge')
   return e, v
end)

define('svd', { 'u:t s:t v:t a:t jobu:A|S=S', 'a:t jobu:A|S=S' }, function(T, x)
   if x.a._nd ~= 2 then fail(T, 'svd', 'A should be 2 dimensional, got %s', sizeStr(x.a)) end
   local m, n = x.a._sz[0], x.a._sz[1]
   local k = math.min(m, n)
   local a = columnMajor(T, nil, x.a)
   local u = resizeColumnMajor(x.u or rawTensor(T, nil), m, x.jobu == 'A' and m or k)
   local s = resizeTo(x.s or rawTensor(T, nil), k)
   local v = resizeTo(x.v or rawTensor(T, nil), n, x.jobu == 'A' and n or k)
   local info = K.lapack_gesvd(np(a), np(u), np(s), np(v), x.jobu)
   check(T, 'svd', info, 'the SVD algorithm did not converge')
   return u, s, v
end)

define('inverse', { 'res:t a:t', 'a:t' }, function(T, x)
   checkSquare(T, 'inverse', x.a)
   local w = columnMajor(T, x.res, x.a)
   local info = K.lapack_getri(np(w))
   check(T, 'inverse', info, 'U(%d,%d) is zero, the matrix is singular', info, info)
   return finish(w, x.res)
end)

define('potrf', { 'res:t a:t uplo:U|L=U', 'a:t uplo:U|L=U' }, function(T, x)
   checkSquare(T, 'potrf', x.a)
   local w = columnMajor(T, x.res, x.a)
   local info = K.lapack_potrf(np(w), x.uplo)
   check(T, 'potrf', info, 'the leading minor of order %d is not positive definite', info)
   return finish(w, x.res)
end)

define('potrs', { 'res:t b:t a:t uplo:U|L=U', 'b:t a:t uplo:U|L=U' }, function(T, x)
   local b = checkSystem(T, 'potrs', x.b, x.a, true)
   local rb = columnMajor(T, x.res, b)
   local info = K.lapack_potrs(np(x.a), np(rb), x.uplo)
   check(T, 'potrs', info, 'A(%d,%d) is zero, singular factor', info, info)
   return finish(rb, x.res)
end)

define('potri', { 'res:t a:t uplo:U|L=U', 'a:t uplo:U|L=U' }, function(T, x)
   checkSquare(T, 'potri', x.a)
   local w = columnMajor(T, x.res, x.a)
   local info = K.lapack_potri(np(w), x.uplo)
   check(T, 'potri', info, 'A(%d,%d) is zero, the factor is singular', info, info)
   return finish(w, x.res)
end)

define('pstrf', { 'res:t piv:i a:t uplo:U|L=U tol:n?', 'a:t uplo:U|L=U tol:n?' },
function(T, x)
   checkSquare(T, 'pstrf', x.a)
   local w = columnMajor(T, x.res, x.a)
   local piv = resizeTo(x.piv or torch.IntTensor(), x.a._sz[0])
   local info = K.lapack_pstrf(np(w), np(piv), x.uplo, x.tol or -1)
   check(T, 'pstrf', info, 'the matrix is rank deficient or not positive semidefinite')
   return finish(w, x.res), piv
end)

define('qr', { 'q:t r:t a:t', 'a:t' }, function(T, x)
   if x.a._nd ~= 2 then fail(T, 'qr', 'A should be 2 dimensional, got %s', sizeStr(x.a)) end
   local m, n = x.a._sz[0], x.a._sz[1]
   local k = math.min(m, n)
   local q = resizeColumnMajor(x.q or rawTensor(T, nil), m, n)
   q:set(q:narrow(2, 1, k))
   local r = resizeTo(x.r or rawTensor(T, nil), k, n)
   K.lapack_qr(np(x.a), np(q), np(r))
   return q, r
end)

define('geqrf', { 'ra:t tau:t a:t', 'a:t' }, function(T, x)
   if x.a._nd ~= 2 then fail(T, 'geqrf', 'A should be 2 dimensional, got %s', sizeStr(x.a)) end
   local w = columnMajor(T, x.ra, x.a)
   local tau = resizeTo(x.tau or rawTensor(T, nil), math.min(x.a._sz[0], x.a._sz[1]))
   K.lapack_geqrf(np(w), np(tau))
   return finish(w, x.ra), tau
end)

local function checkReflectors(T, f, a, tau)
   if a._nd ~= 2 then fail(T, f, 'A should be 2 dimensional, got %s', sizeStr(a)) end
   if tau._nd ~= 1 or tau._sz[0] > math.min(a._sz[0], a._sz[1]) then
      fail(T, f, 'tau should be a vector of at most min(m, n) elements, A is %s, tau %s',
         sizeStr(a), sizeStr(tau))
   end
end

define('orgqr', { 'res:t a:t tau:t', 'a:t tau:t' }, function(T, x)
   checkReflectors(T, 'orgqr', x.a, x.tau)
   local w = columnMajor(T, x.res, x.a)
   K.lapack_orgqr(np(w), np(x.tau))
   return finish(w, x.res)
end)

define('ormqr', { 'res:t a:t tau:t c:t side:L|R=L trans:N|T=N',
                  'a:t tau:t c:t side:L|R=L trans:N|T=N' }, function(T, x)
   checkReflectors(T, 'ormqr', x.a, x.tau)
   local c = x.c
   if c._nd ~= 2 then fail(T, 'ormqr', 'C should be 2 dimensional, got %s', sizeStr(c)) end
   local rows = x.side == 'L' and c._sz[0] or c._sz[1]
   if x.a._sz[0] ~= rows then
      fail(T, 'ormqr', 'size mismatch: reflectors %s, C %s on side %s', sizeStr(x.a),
         sizeStr(c), x.side)
   end
   local w = columnMajor(T, x.res, c)
   K.lapack_ormqr(np(x.a), np(x.tau), np(w), x.side, x.trans)
   return finish(w, x.res)
end)
