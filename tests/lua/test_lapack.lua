-- LAPACK functions: solvers, inverse, Cholesky, eigenvalues, SVD and QR.
local tester = torch.Tester()
local tests = {}

local function maxDiff(a, b)
   tester:assert(a:isSameSizeAs(b), 'sizes differ')
   local x, y = a:contiguous(), b:contiguous()
   local px, py = x:data(), y:data()
   local m = 0
   for i = 0, x:nElement() - 1 do m = math.max(m, math.abs(tonumber(px[i]) - tonumber(py[i]))) end
   return m
end

local function near(a, b, tol, msg)
   local d = maxDiff(a, b)
   tester:assert(d <= (tol or 1e-10), (msg or 'tensors differ') .. ' (max difference ' .. d .. ')')
end

local function eye(n)
   local t = torch.Tensor(n, n):zero()
   for i = 1, n do t[i][i] = 1 end
   return t
end

local function diag(v)
   local t = torch.Tensor(v:size(1), v:size(1)):zero()
   for i = 1, v:size(1) do t[i][i] = v[i] end
   return t
end

local function isUpper(t)
   for i = 1, t:size(1) do
      for j = 1, math.min(i - 1, t:size(2)) do
         if t[i][j] ~= 0 then return false end
      end
   end
   return true
end

local function isColumnMajor(t)
   return t:stride(1) == 1 and t:stride(2) == t:size(1)
end

local function errorMatches(f, pattern)
   local ok, err = pcall(f)
   tester:assert(not ok, 'expected an error matching ' .. pattern)
   tester:assert(ok or tostring(err):find(pattern) ~= nil, 'error was: ' .. tostring(err))
end

-- A symmetric positive definite matrix.
local function spd()
   return torch.Tensor({{4, 1, 2}, {1, 5, 3}, {2, 3, 6}})
end

function tests.gesvSolvesAndReturnsLU()
   local a = torch.Tensor({{1, 2}, {3, 4}})
   local b = torch.Tensor({{5}, {6}})
   local x, lu = torch.gesv(b, a)
   near(x, torch.Tensor({{-4}, {4.5}}))
   near(lu, torch.Tensor({{3, 4}, {1 / 3, 2 / 3}}), 1e-12, 'LU with the rows pivoted')
   tester:assert(isColumnMajor(x) and isColumnMajor(lu), 'results are column-major')
   near(a, torch.Tensor({{1, 2}, {3, 4}}), 0, 'inputs are not changed')
   local a3 = spd()
   local b3 = torch.Tensor({{1, 0}, {2, 1}, {3, 0}})
   local x3 = torch.gesv(b3, a3)
   near(torch.mm(a3, x3), b3, 1e-12, 'A X = B')
end

function tests.gesvVectorRightHandSideGivesAColumn()
   local x = torch.gesv(torch.Tensor({1, 2, 3}), spd())
   tester:eq(x:dim(), 2)
   tester:eq(x:size(2), 1)
   near(torch.mm(spd(), x), torch.Tensor({{1}, {2}, {3}}), 1e-12)
end

function tests.gesvResultForms()
   local rb, ra = torch.Tensor(), torch.Tensor()
   local x, lu = torch.gesv(rb, ra, torch.Tensor({{5}, {6}}), torch.Tensor({{1, 2}, {3, 4}}))
   tester:assert(x == rb and lu == ra, 'the given results are returned')
   near(rb, torch.Tensor({{-4}, {4.5}}))
   local a = torch.Tensor({{1, 2}, {3, 4}})
   local b = torch.Tensor({{5}, {6}})
   torch.gesv(b, a, b, a)
   near(b, torch.Tensor({{-4}, {4.5}}), 1e-12, 'in place into b')
   near(a, torch.Tensor({{3, 4}, {1 / 3, 2 / 3}}), 1e-12, 'in place into a')
end

function tests.gesvErrors()
   errorMatches(function() return torch.gesv(torch.Tensor(3, 1), torch.Tensor({{1, 2, 3},
      {2, 4, 6}, {1, 1, 1}})) end, 'gesv.*singular')
   errorMatches(function() return torch.gesv(torch.Tensor(2, 1), torch.Tensor(2, 3)) end,
      'gesv.*square')
   errorMatches(function() return torch.gesv(torch.Tensor(3, 1), torch.Tensor(2, 2)) end,
      'gesv.*2x2.*3x1')
   errorMatches(function() return torch.gesv(torch.IntTensor(2, 1), torch.IntTensor(2, 2)) end,
      'gesv.*Float and Double')
   errorMatches(function() return torch.gesv(torch.Tensor(2, 2)) end, 'gesv: invalid arguments')
end

function tests.trtrsSolvesTriangularSystems()
   local a = torch.Tensor({{2, 1, 1}, {7, 3, 1}, {7, 7, 4}})
   local b = torch.Tensor({{4}, {4}, {4}})
   local up = torch.Tensor({{2, 1, 1}, {0, 3, 1}, {0, 0, 4}})
   local low = torch.Tensor({{2, 0, 0}, {7, 3, 0}, {7, 7, 4}})
   near(torch.mm(up, (torch.trtrs(b, a))), b, 1e-12, 'upper')
   near(torch.mm(low, (torch.trtrs(b, a, 'L'))), b, 1e-12, 'lower')
   near(torch.mm(up:t(), (torch.trtrs(b, a, 'U', 'T'))), b, 1e-12, 'transposed')
   local unit = torch.Tensor({{1, 1, 1}, {0, 1, 1}, {0, 0, 1}})
   near(torch.mm(unit, (torch.trtrs(b, a, 'U', 'N', 'U'))), b, 1e-12, 'unit diagonal')
   local _, ra = torch.trtrs(b, a)
   near(ra, a, 0, 'A comes back unchanged')
   errorMatches(function() return torch.trtrs(b, torch.Tensor({{1, 1}, {0, 0}})) end, 'trtrs')
   errorMatches(function() return torch.trtrs(torch.Tensor(2, 1),
      torch.Tensor({{1, 1}, {0, 0}})) end, 'trtrs.*singular')
end

function tests.gelsLeastSquaresAndMinimumNorm()
   -- fit y = c0 + c1 x through (1, 1), (2, 2), (3, 4): c = (-2/3, 3/2)
   local a = torch.Tensor({{1, 1}, {1, 2}, {1, 3}})
   local x = torch.gels(torch.Tensor({1, 2, 4}), a)
   tester:eq(x:size(1), 2)
   near(x, torch.Tensor({{-2 / 3}, {1.5}}), 1e-12)
   -- x1 + x2 = 2 has the minimum norm solution (1, 1)
   local xm = torch.gels(torch.Tensor({{2}}), torch.Tensor({{1, 1}}))
   near(xm, torch.Tensor({{1}, {1}}), 1e-12)
   errorMatches(function() return torch.gels(torch.Tensor(3, 1), torch.Tensor({{1, 0},
      {2, 0}, {3, 0}})) end, 'gels.*zero')
end

function tests.inverseTimesMatrixIsIdentity()
   local a = spd()
   local inv = torch.inverse(a)
   near(torch.mm(a, inv), eye(3), 1e-12)
   near(torch.mm(inv, a), eye(3), 1e-12)
   tester:assert(isColumnMajor(inv), 'the inverse is column-major')
   local r = torch.Tensor()
   tester:assert(torch.inverse(r, torch.Tensor({{2, 0}, {0, 4}})) == r, 'result form')
   near(r, torch.Tensor({{0.5, 0}, {0, 0.25}}))
   local f = torch.inverse(torch.FloatTensor({{2, 0}, {0, 4}}))
   tester:eq(torch.typename(f), 'torch.FloatTensor')
   tester:eq(f[2][2], 0.25)
   errorMatches(function() return torch.inverse(torch.Tensor(2, 2):zero()) end,
      'inverse.*singular')
   errorMatches(function() return torch.inverse(torch.Tensor(2, 3)) end, 'inverse.*square')
end

function tests.nonContiguousInputsAndInPlaceResults()
   local a = torch.Tensor({{4, 2, 0}, {1, 5, 3}, {2, 1, 6}})
   local at = a:t()
   near(torch.mm(at, torch.inverse(at)), eye(3), 1e-12, 'inverse of a transposed view')
   local wide = torch.Tensor(3, 6):zero()
   wide:narrow(2, 2, 3):copy(a)
   local b = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local x = torch.gesv(b:t():t(), wide:narrow(2, 2, 3))
   near(torch.mm(a, x), b, 1e-12, 'gesv of a narrowed view')
   local s = spd()
   local e = torch.Tensor()
   torch.symeig(e, s, s, 'V')
   near(torch.mm(spd(), s), torch.mm(s, diag(e)), 1e-10, 'symeig writes the vectors into A')
   local inv = spd()
   torch.inverse(inv, inv)
   near(torch.mm(spd(), inv), eye(3), 1e-12, 'inverse in place')
end

function tests.potrfReconstructs()
   local a = spd()
   local u = torch.potrf(a)
   tester:assert(isUpper(u), 'U is upper triangular')
   near(torch.mm(u:t(), u), a, 1e-12, "U'U = A")
   local l = torch.potrf(a, 'L')
   tester:assert(isUpper(l:t()), 'L is lower triangular')
   near(torch.mm(l, l:t()), a, 1e-12, "LL' = A")
   near(l, u:t(), 1e-12)
   local onlyUpper = torch.Tensor({{4, 1, 2}, {0, 5, 3}, {0, 0, 6}})
   near(torch.potrf(onlyUpper), u, 1e-12, "'U' reads the upper triangle only")
   errorMatches(function() return torch.potrf(torch.Tensor({{1, 2}, {2, 1}})) end,
      'potrf.*order 2.*positive definite')
end

function tests.potrsAndPotri()
   local a = spd()
   local u = torch.potrf(a)
   local b = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   near(torch.mm(a, torch.potrs(b, u)), b, 1e-12, 'potrs solves with U')
   near(torch.mm(a, torch.potrs(b, torch.potrf(a, 'L'), 'L')), b, 1e-12, 'and with L')
   local x = torch.potrs(torch.Tensor({1, 2, 3}), u)
   tester:eq(x:size(2), 1)
   near(torch.potri(u), torch.inverse(a), 1e-12, 'potri is the inverse')
   near(torch.potri(torch.potrf(a, 'L'), 'L'), torch.inverse(a), 1e-12, 'from L too')
end

function tests.pstrfPivotsAndReconstructs()
   local a = spd()
   local u, piv = torch.pstrf(a)
   tester:eq(torch.typename(piv), 'torch.IntTensor')
   tester:eq(piv[1], 3, 'the largest diagonal element comes first')
   local p = torch.Tensor(3, 3):zero()
   for k = 1, 3 do p[piv[k]][k] = 1 end
   tester:assert(isUpper(u), 'U is upper triangular')
   near(torch.mm(torch.mm(p:t(), a), p), torch.mm(u:t(), u), 1e-12, "P'AP = U'U")
   local l, piv2 = torch.pstrf(a, 'L')
   near(torch.mm(torch.mm(p:t(), a), p), torch.mm(l, l:t()), 1e-12, "P'AP = LL'")
   tester:eq(piv2[1], 3)
   local r, rp = torch.Tensor(), torch.IntTensor()
   local r1, r2 = torch.pstrf(r, rp, a, 'U', 1e-8)
   tester:assert(r1 == r and r2 == rp, 'result form')
   errorMatches(function() return torch.pstrf(torch.Tensor({{1, 1}, {1, 1}})) end,
      'pstrf.*rank deficient')
end

function tests.symeigValuesAndVectors()
   local a = torch.Tensor({{2, 1}, {1, 2}})
   local e = torch.symeig(a)
   near(e, torch.Tensor({1, 3}), 1e-12, 'eigenvalues ascending')
   local e2, v = torch.symeig(spd(), 'V')
   near(torch.mm(spd(), v), torch.mm(v, diag(e2)), 1e-10, 'A V = V diag(e)')
   near(torch.mm(v:t(), v), eye(3), 1e-12, 'orthonormal eigenvectors')
   local lowerOnly = torch.Tensor({{2, 99}, {1, 2}})
   near(torch.symeig(lowerOnly, 'N', 'L'), torch.Tensor({1, 3}), 1e-12, "'L' reads the lower")
   errorMatches(function() return torch.symeig(torch.Tensor(2, 3)) end, 'symeig.*square')
end

function tests.eigOfGeneralMatrices()
   local e, v = torch.eig(torch.Tensor({{2, 0}, {0, 3}}), 'V')
   tester:eq(e:size(2), 2)
   near(e, torch.Tensor({{2, 0}, {3, 0}}), 1e-12, 'real eigenvalues, zero imaginary parts')
   near(v, eye(2), 1e-12)
   local rot = torch.Tensor({{0, -1}, {1, 0}})
   local er, vr = torch.eig(rot, 'V')
   near(er, torch.Tensor({{0, 1}, {0, -1}}), 1e-12, 'the pair +i, -i')
   -- A (re + i im) = i (re + i im)  <=>  A re = -im, A im = re
   local re, im = vr:select(2, 1), vr:select(2, 2)
   near(torch.mv(rot, re), im:clone():mul(-1), 1e-12)
   near(torch.mv(rot, im), re, 1e-12)
   local en, vn = torch.eig(rot)
   tester:eq(en:size(1), 2)
   tester:eq(vn:dim(), 0, "'N' leaves the vectors empty")
end

function tests.svdReconstructs()
   local a = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local u, s, v = torch.svd(a)
   tester:eq(u:size(1), 3)
   tester:eq(u:size(2), 2)
   tester:eq(v:size(1), 2)
   tester:assert(s[1] >= s[2], 'singular values descend')
   near(torch.mm(torch.mm(u, diag(s)), v:t()), a, 1e-12, "U S V' = A (V, not V')")
   near(torch.mm(u:t(), u), eye(2), 1e-12)
   local ua, sa, va = torch.svd(a, 'A')
   tester:eq(ua:size(2), 3)
   tester:eq(va:size(1), 2)
   near(sa, s, 1e-12)
   near(torch.mm(ua:t(), ua), eye(3), 1e-12)
   local wide = a:t()
   local uw, sw, vw = torch.svd(wide)
   tester:eq(vw:size(1), 3)
   tester:eq(vw:size(2), 2)
   near(torch.mm(torch.mm(uw, diag(sw)), vw:t()), wide, 1e-12)
   near(torch.svd(torch.Tensor({{3, 0}, {0, -4}})), torch.Tensor({{0, 1}, {1, 0}}), 1e-12,
      'U of a diagonal matrix')
end

function tests.qrReconstructs()
   local a = torch.Tensor({{12, -51, 4}, {6, 167, -68}, {-4, 24, -41}})
   local q, r = torch.qr(a)
   near(torch.mm(q, r), a, 1e-10, 'QR = A')
   near(torch.mm(q:t(), q), eye(3), 1e-12, 'Q orthogonal')
   tester:assert(isUpper(r), 'R upper triangular')
   local tall = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local qt, rt = torch.qr(tall)
   tester:eq(qt:size(2), 2)
   tester:eq(rt:size(1), 2)
   near(torch.mm(qt, rt), tall, 1e-12)
   local wide = tall:t()
   local qw, rw = torch.qr(wide)
   tester:eq(qw:size(1), 2)
   tester:eq(rw:size(2), 3)
   near(torch.mm(qw, rw), wide, 1e-12)
end

function tests.geqrfOrgqrOrmqr()
   local a = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local h, tau = torch.geqrf(a)
   tester:eq(tau:size(1), 2)
   local q, r = torch.qr(a)
   near(h:narrow(1, 1, 2):clone():cmul(torch.Tensor({{1, 1}, {0, 1}})), r, 1e-12,
      'R on and above the diagonal')
   local qg = torch.orgqr(h, tau)
   near(qg:narrow(2, 1, 2), q, 1e-12, 'orgqr rebuilds Q')
   local c = torch.Tensor({{1, 0}, {0, 1}, {1, 1}})
   local qfull = torch.ormqr(h, tau, eye(3))
   near(torch.mm(qfull:t(), qfull), eye(3), 1e-12)
   near(qfull:narrow(2, 1, 2), q, 1e-12, 'Q I is Q')
   near(torch.ormqr(h, tau, c, 'L', 'T'), torch.mm(qfull:t(), c), 1e-12, "Q'C")
   near(torch.ormqr(h, tau, c:t(), 'R'), torch.mm(c:t(), qfull), 1e-12, 'CQ')
   near(torch.ormqr(h, tau, c:t(), 'R', 'T'), torch.mm(c:t(), qfull:t()), 1e-12, "CQ'")
   near(torch.ormqr(h, tau, a, 'L', 'T'):narrow(1, 1, 2), r, 1e-12, "Q'A = R")
   errorMatches(function() return torch.ormqr(h, tau, torch.Tensor(2, 2)) end, 'ormqr')
end

return tester:add(tests)
