-- Matrix products: dot, mv, mm, bmm, ger, the add* forms and cross.
local tester = torch.Tester()
local tests = {}

-- Largest absolute difference between two tensors of the same size.
local function maxDiff(a, b)
   tester:assert(a:isSameSizeAs(b), 'sizes differ')
   local x, y = a:contiguous(), b:contiguous()
   local px, py = x:data(), y:data()
   local m = 0
   for i = 0, x:nElement() - 1 do m = math.max(m, math.abs(tonumber(px[i]) - tonumber(py[i]))) end
   return m
end

local function near(a, b, tol, msg)
   tester:assert(maxDiff(a, b) <= (tol or 1e-12), msg or 'tensors differ')
end

-- A product by its definition: r[i][j] = sum_k x[i][k] * y[k][j].
local function slowMM(x, y)
   local r = torch.Tensor(x:size(1), y:size(2)):zero()
   for i = 1, x:size(1) do
      for j = 1, y:size(2) do
         local s = 0
         for k = 1, x:size(2) do s = s + x[i][k] * y[k][j] end
         r[i][j] = s
      end
   end
   return r
end

-- A matrix of n rows and m columns with distinct small values.
local function mat(n, m, shift)
   local t = torch.Tensor(n, m)
   for i = 1, n do
      for j = 1, m do t[i][j] = ((i * 7 + j * 3 + (shift or 0)) % 11) - 5 end
   end
   return t
end

-- s * t + c (and t + u when u is a tensor), elementwise, as a new tensor.
local function affine(t, s, c, u)
   local r = t:clone()
   local x = r:contiguous()
   local p = x:data()
   local q = u and u:contiguous():data()
   for i = 0, x:nElement() - 1 do
      p[i] = s * p[i] + (c or 0) + (q and q[i] or 0)
   end
   return x
end

local function errorMatches(f, pattern)
   local ok, err = pcall(f)
   tester:assert(not ok, 'expected an error matching ' .. pattern)
   tester:assert(ok or tostring(err):find(pattern) ~= nil, 'error was: ' .. tostring(err))
end

function tests.dotSumsProducts()
   local a = torch.Tensor({1, 2, 3})
   local b = torch.Tensor({4, 5, 6})
   tester:eq(torch.dot(a, b), 32)
   tester:eq(a:dot(b), 32)
   tester:eq(torch.dot(torch.Tensor({{1, 2}, {3, 4}}), torch.Tensor({1, 1, 1, 1})), 10)
   tester:eq(torch.FloatTensor({0.5, 2}):dot(torch.FloatTensor({4, 0.25})), 2.5)
   tester:eq(torch.LongTensor({1, 2}):dot(torch.LongTensor({3, 4})), 11)
   local big = torch.Tensor(5000):fill(2)
   tester:eq(big:dot(big), 20000)
   errorMatches(function() return a:dot(torch.Tensor(4)) end, 'dot.*3.*4')
end

function tests.mvMultipliesMatrixAndVector()
   local m = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local v = torch.Tensor({1, -1})
   near(torch.mv(m, v), torch.Tensor({-1, -1, -1}))
   local r = torch.Tensor(7):fill(99)
   r:mv(m, v)
   tester:eq(r:dim(), 1)
   tester:eq(r:size(1), 3)
   near(r, torch.Tensor({-1, -1, -1}))
   local r2 = torch.Tensor()
   tester:assert(torch.mv(r2, m:t(), torch.Tensor({1, 1, 1})) == r2, 'result form returns res')
   near(r2, torch.Tensor({9, 12}))
   errorMatches(function() return torch.mv(m, torch.Tensor(3)) end, 'mv.*3x2.*3')
   errorMatches(function() return torch.mv(v, m) end, 'mv')
end

function tests.mmMatchesDefinition()
   local a = torch.Tensor({{1, 2}, {3, 4}})
   local b = torch.Tensor({{5, 6}, {7, 8}})
   near(torch.mm(a, b), torch.Tensor({{19, 22}, {43, 50}}))
   local r = torch.Tensor()
   r:mm(a, b)
   near(r, torch.Tensor({{19, 22}, {43, 50}}))
   for _, n in ipairs({3, 17, 40}) do
      local x, y = mat(n, n + 2), mat(n + 2, n - 1, 4)
      near(torch.mm(x, y), slowMM(x, y), 1e-9, 'size ' .. n)
      near(torch.mm(y:t(), x:t()), slowMM(x, y):t(), 1e-9, 'transposed inputs ' .. n)
   end
   errorMatches(function() return torch.mm(a, torch.Tensor(3, 2)) end, 'mm.*2x2.*3x2')
   errorMatches(function() return torch.mm(a, torch.Tensor(2)) end, 'mm.*matri')
end

function tests.mmWritesIntoAViewResult()
   local big = torch.Tensor(4, 5):fill(-1)
   local view = big:narrow(2, 2, 2)
   view:mm(torch.Tensor({{1, 2}, {3, 4}, {5, 6}, {7, 8}}), torch.Tensor({{1, 0}, {0, 1}}))
   tester:eq(big[4][3], 8)
   tester:eq(big[1][1], -1)
   tester:eq(big[1][4], -1)
   local ct = torch.Tensor(60, 60):fill(1)
   local res = torch.Tensor(60, 60):t()
   res:mm(ct, ct)
   tester:eq(res[3][4], 60)
   tester:assert(not res:isContiguous(), 'a result of the right size keeps its strides')
end

function tests.resultMayBeAnOperand()
   local a = torch.Tensor({{1, 2, 3}, {4, 5, 6}})
   local b = torch.Tensor({{1, 0}, {0, 1}, {1, 1}})
   a:mm(a, b)
   near(a, torch.Tensor({{4, 5}, {10, 11}}), 0, 'a:mm(a, b) with a changing size')
   local sq = torch.Tensor({{1, 2}, {3, 4}})
   sq:mm(sq, sq)
   near(sq, torch.Tensor({{7, 10}, {15, 22}}))
   local big = torch.Tensor(30, 30):fill(1)
   big:mm(big, big)
   tester:eq(big[30][30], 30)
   local v = torch.Tensor({1, 1})
   v:addmv(torch.Tensor({1, 2}), torch.Tensor({{1, 1}, {1, 1}}), v)
   near(v, torch.Tensor({3, 4}))
end

function tests.mmOfOtherTypes()
   local a = torch.LongTensor({{1, 2}, {3, 4}})
   local r = torch.mm(a, a)
   tester:eq(torch.typename(r), 'torch.LongTensor')
   tester:eq(r[2][2], 22)
   local f = torch.FloatTensor({{1.5, 0}, {0, 2}})
   tester:eq(torch.mm(f, f)[1][1], 2.25)
   local bytes = torch.ByteTensor({{16}}):mm(torch.ByteTensor({{16}}), torch.ByteTensor({{17}}))
   tester:eq(bytes[1][1], 16 * 17 % 256)
   errorMatches(function() return torch.mm(a, torch.Tensor(2, 2)) end, 'invalid arguments')
end

function tests.bmmMultipliesEachBatch()
   local x = torch.Tensor(3, 2, 4)
   local y = torch.Tensor(3, 4, 5)
   for b = 1, 3 do x[b]:copy(mat(2, 4, b)); y[b]:copy(mat(4, 5, 2 * b)) end
   local r = torch.bmm(x, y)
   tester:eq(r:size(1), 3)
   for b = 1, 3 do near(r[b], slowMM(x[b], y[b])) end
   local r2 = torch.Tensor()
   r2:bmm(x, y)
   near(r2, r)
   errorMatches(function() return torch.bmm(x, torch.Tensor(2, 4, 5)) end, 'bmm.*batch')
   errorMatches(function() return torch.bmm(x, torch.Tensor(3, 3, 5)) end, 'bmm.*3x2x4.*3x3x5')
end

function tests.gerIsTheOuterProduct()
   local r = torch.ger(torch.Tensor({1, 2}), torch.Tensor({3, 4, 5}))
   near(r, torch.Tensor({{3, 4, 5}, {6, 8, 10}}))
   local r2 = torch.Tensor(2, 3):fill(7)
   r2:ger(torch.Tensor({1, 2}), torch.Tensor({1, 1, 1}))
   near(r2, torch.Tensor({{1, 1, 1}, {2, 2, 2}}))
   errorMatches(function() return torch.ger(torch.Tensor(2, 2), torch.Tensor(2)) end, 'ger')
end

function tests.addmmFunctionForms()
   local M = torch.Tensor({{1, 1}, {1, 1}})
   local a = torch.Tensor({{1, 2}, {3, 4}})
   local b = torch.Tensor({{1, 0}, {0, 1}})
   near(torch.addmm(M, a, b), torch.Tensor({{2, 3}, {4, 5}}))
   near(torch.addmm(M, 2, a, b), torch.Tensor({{3, 5}, {7, 9}}))
   near(torch.addmm(3, M, 2, a, b), torch.Tensor({{5, 7}, {9, 11}}))
   near(torch.addmm(0.5, M, a, b), torch.Tensor({{1.5, 2.5}, {3.5, 4.5}}))
   local res = torch.Tensor()
   tester:assert(torch.addmm(res, M, a, b) == res, 'result form returns res')
   near(res, torch.Tensor({{2, 3}, {4, 5}}))
   torch.addmm(res, 3, M, 2, a, b)
   near(res, torch.Tensor({{5, 7}, {9, 11}}))
   near(M, torch.Tensor({{1, 1}, {1, 1}}), 0, 'M is not changed')
end

function tests.addmmMethodForms()
   local a = torch.Tensor({{1, 2}, {3, 4}})
   local b = torch.Tensor({{1, 0}, {0, 1}})
   local function ones() return torch.Tensor(2, 2):fill(1) end
   near(ones():addmm(a, b), torch.Tensor({{2, 3}, {4, 5}}))
   near(ones():addmm(2, a, b), torch.Tensor({{3, 5}, {7, 9}}))
   near(ones():addmm(3, 2, a, b), torch.Tensor({{5, 7}, {9, 11}}))
   local M = torch.Tensor(2, 2):fill(10)
   near(ones():addmm(M, a, b), torch.Tensor({{11, 12}, {13, 14}}))
   near(ones():addmm(M, 2, a, b), torch.Tensor({{12, 14}, {16, 18}}))
   near(ones():addmm(0, M, 1, a, b), a)
   errorMatches(function() return ones():addmm(2, M, a, b) end, 'invalid arguments')
end

function tests.betaZeroIgnoresTheAddedTensor()
   local nan = torch.Tensor(2, 2):fill(0 / 0)
   local a = torch.Tensor({{1, 2}, {3, 4}})
   near(torch.addmm(0, nan, 1, a, a), torch.mm(a, a))
   local big = torch.Tensor(50, 50):fill(0 / 0)
   local x = torch.Tensor(50, 50):fill(1)
   near(torch.addmm(0, big, 2, x, x), torch.Tensor(50, 50):fill(100))
   near(torch.addmv(0, torch.Tensor(2):fill(0 / 0), 1, a, torch.Tensor({1, 1})),
      torch.Tensor({3, 7}))
end

function tests.addmvAddrForms()
   local m = torch.Tensor({{1, 2}, {3, 4}})
   local v = torch.Tensor({1, 1})
   near(torch.addmv(torch.Tensor({10, 20}), m, v), torch.Tensor({13, 27}))
   near(torch.addmv(2, torch.Tensor({10, 20}), 3, m, v), torch.Tensor({29, 61}))
   local r = torch.Tensor({1, 1})
   r:addmv(m, v)
   near(r, torch.Tensor({4, 8}))
   r:addmv(0.5, 2, m, v)
   near(r, torch.Tensor({8, 18}))
   near(torch.addr(torch.Tensor(2, 2):fill(1), torch.Tensor({1, 2}), torch.Tensor({3, 4})),
      torch.Tensor({{4, 5}, {7, 9}}))
   local r2 = torch.Tensor(2, 2):zero()
   r2:addr(2, torch.Tensor({1, 2}), torch.Tensor({1, 1}))
   near(r2, torch.Tensor({{2, 2}, {4, 4}}))
   errorMatches(function() return torch.addmv(torch.Tensor(3), m, v) end, 'addmv.*3.*2x2')
   errorMatches(function() return torch.addr(torch.Tensor(3, 2), v, v) end, 'addr.*3x2')
end

function tests.batchedAddForms()
   local x = torch.Tensor(2, 2, 3)
   local y = torch.Tensor(2, 3, 2)
   for b = 1, 2 do x[b]:copy(mat(2, 3, b)); y[b]:copy(mat(3, 2, b + 5)) end
   local sum = affine(slowMM(x[1], y[1]), 1, 0, slowMM(x[2], y[2]))
   near(torch.addbmm(torch.Tensor(2, 2):zero(), x, y), sum)
   near(torch.addbmm(2, torch.Tensor(2, 2):fill(1), 3, x, y),
      affine(sum, 3, 2))
   local acc = torch.Tensor(2, 2):fill(1)
   acc:addbmm(x, y)
   near(acc, affine(sum, 1, 1))
   local bres = torch.baddbmm(torch.Tensor(2, 2, 2):fill(1), x, y)
   for b = 1, 2 do near(bres[b], affine(slowMM(x[b], y[b]), 1, 1)) end
   local bres2 = torch.Tensor(2, 2, 2):fill(1)
   bres2:baddbmm(0.5, 2, x, y)
   for b = 1, 2 do near(bres2[b], affine(slowMM(x[b], y[b]), 2, 0.5)) end
   errorMatches(function() return torch.addbmm(torch.Tensor(3, 2), x, y) end, 'addbmm.*3x2')
   errorMatches(function() return torch.baddbmm(torch.Tensor(2, 2), x, y) end, 'baddbmm')
end

function tests.crossProducts()
   local i, j = torch.Tensor({1, 0, 0}), torch.Tensor({0, 1, 0})
   near(torch.cross(i, j), torch.Tensor({0, 0, 1}))
   near(j:cross(i), torch.Tensor({0, 0, -1}))
   local a = torch.Tensor({{1, 2}, {3, 4}, {5, 6}})
   local b = torch.Tensor({{0, 1}, {1, 0}, {0, 0}})
   local r = torch.cross(a, b, 1)
   near(r:select(2, 1), torch.cross(a:select(2, 1), b:select(2, 1)))
   near(r:select(2, 2), torch.cross(a:select(2, 2), b:select(2, 2)))
   local res = torch.Tensor()
   torch.cross(res, i, j)
   near(res, torch.Tensor({0, 0, 1}))
   local rows = torch.Tensor({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})
   near(torch.cross(rows, rows, 2), torch.Tensor(3, 3):zero())
   errorMatches(function() return torch.cross(torch.Tensor(2, 2), torch.Tensor(2, 2)) end,
      'cross.*size 3')
   errorMatches(function() return torch.cross(i, torch.Tensor(4)) end, 'cross.*3.*4')
end

function tests.invalidArgumentsNameTheFunction()
   errorMatches(function() return torch.addmm(torch.Tensor(2, 2), 1, 2) end,
      'addmm: invalid arguments')
   errorMatches(function() return torch.mm() end, 'mm: invalid arguments')
end

function tests.halfTensorsHaveNoBlas()
   local h = torch.HalfTensor(2, 2)
   tester:assertError(function() return torch.mm(h, h) end, 'HalfTensor has no math')
end

function tests.scalarsCastLikeThePointwiseFamily()
   local a = torch.LongTensor({{1}})
   local r = torch.LongTensor(1, 1)
   r:addmm(0, r, 1e19, a, a)
   tester:eq(r[1][1], torch.LongTensor({0}):add(1e19)[1])
end

return tester:add(tests)
