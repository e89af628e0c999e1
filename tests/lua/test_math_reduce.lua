-- Reductions: sum, prod, cumsum, cumprod, max, min, sort, topk, kthvalue, median, mode,
-- mean, var, std, norm, renorm, dist, all, any.
local tester = torch.Tester()
local tests = {}

local function same(a, b, tol)
   if type(a) == 'table' and type(b) == 'table' then
      if #a ~= #b then return false end
      for i = 1, #a do
         if not same(a[i], b[i], tol) then return false end
      end
      return true
   end
   if type(a) == 'number' and type(b) == 'number' then
      if a ~= a and b ~= b then return true end
      return math.abs(a - b) <= (tol or 0)
   end
   return a == b
end

local function show(x)
   if type(x) ~= 'table' then return tostring(x) end
   local parts = {}
   for i = 1, #x do parts[i] = show(x[i]) end
   return '{' .. table.concat(parts, ', ') .. '}'
end

-- Compare a tensor (as nested tables), a table or a number with `expected`.
local function check(got, expected, msg, tol)
   if torch.isTensor(got) then got = got:totable() end
   tester:assert(same(got, expected, tol), string.format('%s: got %s, expected %s', msg,
      show(got), show(expected)))
end

local function sizes(t) return t:size():totable() end

local function errors(f, text, msg)
   local ok, err = pcall(f)
   tester:assert(not ok and tostring(err):find(text, 1, true) ~= nil,
      string.format('%s: expected an error containing %q, got %s', msg, text, tostring(err)))
end

local function matrix() return torch.Tensor({{1, 5, 3}, {4, 2, 6}}) end

function tests.sumOverAllElementsReturnsANumber()
   check(matrix():sum(), 21, 'method')
   check(torch.sum(matrix()), 21, 'function')
   check(torch.ByteTensor({200, 100}):sum(), 300, 'byte sum accumulates in a wide type')
   check(torch.Tensor():sum(), 0, 'empty sum')
   tester:assert(type(torch.LongTensor({1, 2}):sum()) == 'number', 'a Lua number')
   local big = torch.Tensor(100, 100):fill(0.5)
   check(big:sum(), 5000, 'large tensor through the kernel')
   check(big:t():sum(), 5000, 'non-contiguous')
end

function tests.sumAlongADimensionKeepsItAsSizeOne()
   local m = matrix()
   check(m:sum(1), {{5, 7, 9}}, 'sum(1)')
   check(m:sum(2), {{9}, {12}}, 'sum(2)')
   check(sizes(m:sum(2)), {2, 1}, 'keepdim')
   check(torch.sum(m, 1), {{5, 7, 9}}, 'torch.sum(t, dim)')
   local res = torch.Tensor()
   local r = torch.sum(res, m, 2)
   tester:assert(r == res, 'torch.sum(res, t, dim) returns res')
   check(res, {{9}, {12}}, 'result filled')
   local res2 = torch.Tensor(7)
   res2:sum(m, 1)
   check(res2, {{5, 7, 9}}, 'res:sum(t, dim)')
   check(torch.ByteTensor({{200, 100}}):sum(2), {{44}}, 'integer sums wrap into the type')
   tester:assert(torch.typename(torch.IntTensor({1}):sum(1)) == 'torch.IntTensor', 'same type')
end

function tests.sumErrorsNameTheFunction()
   errors(function() matrix():sum(3) end, 'sum', 'dimension out of range')
   errors(function() torch.sum(torch.LongTensor(), matrix(), 1) end, 'torch.DoubleTensor',
      'result of the wrong type')
   errors(function() torch.sum(3) end, 'torch.sum', 'no tensor')
end

function tests.prodAllAndAlongADimension()
   check(matrix():prod(), 720, 'prod all')
   check(torch.Tensor():prod(), 1, 'empty prod')
   check(matrix():prod(1), {{4, 10, 18}}, 'prod(1)')
   check(torch.prod(matrix(), 2), {{15}, {48}}, 'torch.prod')
   check(torch.LongTensor({3, 4}):prod(), 12, 'long prod')
end

function tests.cumsumAndCumprodDefaultToTheFirstDimension()
   local m = matrix()
   check(m:cumsum(), {{1, 5, 3}, {5, 7, 9}}, 'cumsum default dim 1')
   check(m:cumsum(2), {{1, 6, 9}, {4, 6, 12}}, 'cumsum(2)')
   check(torch.cumprod(m, 2), {{1, 5, 15}, {4, 8, 48}}, 'cumprod(2)')
   local res = torch.Tensor()
   torch.cumsum(res, m, 1)
   check(res, {{1, 5, 3}, {5, 7, 9}}, 'result form')
   check(torch.ByteTensor({200, 100}):cumsum(), {200, 44}, 'wraps into the type')
   errors(function() m:cumsum(3) end, 'cumsum', 'bad dim')
end

function tests.maxAndMinOverAllElementsReturnNumbers()
   check(matrix():max(), 6, 'max')
   check(matrix():min(), 1, 'min')
   check(torch.max(torch.LongTensor({-3, -7})), -3, 'torch.max')
   local nan = torch.Tensor({1, 0 / 0, 3})
   tester:assert(nan:max() ~= nan:max(), 'NaN wins max')
   tester:assert(nan:min() ~= nan:min(), 'NaN wins min')
   local first = torch.Tensor({0 / 0, 1, 2})
   tester:assert(first:max() ~= first:max(), 'a leading NaN wins max')
   tester:assert(first:min() ~= first:min(), 'a leading NaN wins min')
   local big = torch.range(1, 5000)
   check(big:max(), 5000, 'large max')
   check(big:min(), 1, 'large min')
   errors(function() torch.Tensor():max() end, 'max', 'empty tensor')
end

function tests.maxAlongADimensionGivesValuesAndOneBasedLongIndices()
   local v, i = matrix():max(2)
   check(v, {{5}, {6}}, 'values')
   check(i, {{2}, {3}}, 'indices are 1-based')
   tester:assert(torch.typename(i) == 'torch.LongTensor', 'indices are a LongTensor')
   check(sizes(v), {2, 1}, 'keepdim')
   local mv, mi = torch.min(matrix(), 1)
   check(mv, {{1, 2, 3}}, 'min values')
   check(mi, {{1, 2, 1}}, 'min indices')
   local tv, ti = torch.Tensor({3, 7, 7, 1}):max(1)
   check(ti, {2}, 'ties give the first index')
   check(tv, {7}, 'tie value')
   local rv, ri = torch.Tensor(), torch.LongTensor()
   local a, b = torch.max(rv, ri, matrix(), 1)
   tester:assert(a == rv and b == ri, 'result tensors returned')
   check(rv, {{4, 5, 6}}, 'result values')
   check(ri, {{2, 1, 2}}, 'result indices')
   errors(function() torch.max(torch.Tensor(), torch.Tensor(), matrix(), 1) end, 'LongTensor',
      'indices must be a LongTensor')
end

function tests.sortAscendingDescendingAndStable()
   local v, i = torch.Tensor({3, 1, 2, 1}):sort()
   check(v, {1, 1, 2, 3}, 'ascending values')
   check(i, {2, 4, 3, 1}, 'ascending indices keep the order of equal elements')
   local dv, di = torch.sort(torch.Tensor({3, 1, 3, 2}), 1, true)
   check(dv, {3, 3, 2, 1}, 'descending')
   check(di, {1, 3, 4, 2}, 'descending indices')
   local bv = torch.Tensor({2, 9, 4}):sort(true)
   check(bv, {9, 4, 2}, 'sort(true) means descending on the last dim')
   local mv, mi = matrix():sort(1)
   check(mv, {{1, 2, 3}, {4, 5, 6}}, 'sort along dim 1')
   check(mi, {{1, 2, 1}, {2, 1, 2}}, 'indices along dim 1')
   local lv = matrix():sort()
   check(lv, {{1, 3, 5}, {2, 4, 6}}, 'default is the last dimension')
   local rv, ri = torch.Tensor(), torch.LongTensor()
   torch.sort(rv, ri, matrix(), 2, true)
   check(rv, {{5, 3, 1}, {6, 4, 2}}, 'result form')
   check(ri, {{2, 3, 1}, {3, 1, 2}}, 'result indices')
   errors(function() matrix():sort(3) end, 'sort', 'bad dim')
end

function tests.topkSmallestByDefaultLargestWithDir()
   local x = torch.Tensor({5, 1, 4, 2, 3})
   local v, i = x:topk(2)
   check(v, {1, 2}, 'k smallest')
   check(i, {2, 4}, 'their indices')
   local lv, li = torch.topk(x, 3, 1, true)
   check(lv, {5, 4, 3}, 'k largest, descending')
   check(li, {1, 3, 5}, 'indices')
   check(x:topk(), {1}, 'k defaults to 1')
   local mv = torch.topk(matrix(), 1, 2, true, true)
   check(mv, {{5}, {6}}, 'along dim 2')
   errors(function() x:topk(6) end, 'topk', 'k too large')
end

function tests.kthvalueMedianAndMode()
   local x = torch.Tensor({7, 3, 5, 1})
   local v, i = x:kthvalue(2)
   check(v, {3}, 'second smallest')
   check(i, {2}, 'its index')
   local mv, mi = torch.median(x)
   check(mv, {3}, 'median of an even count is the lower middle')
   check(mi, {2}, 'median index')
   check(torch.median(matrix(), 1), {{1, 2, 3}}, 'median along dim 1 (lower middle)')
   check(torch.median(matrix()), {{3}, {4}}, 'median along the last dim')
   local kv = torch.kthvalue(matrix(), 3, 2)
   check(kv, {{5}, {6}}, 'kthvalue along dim 2')
   local ov, oi = torch.Tensor({1, 2, 2, 3, 3, 1, 1}):mode()
   check(ov, {1}, 'mode')
   tester:assert(({ [1] = true, [6] = true, [7] = true })[oi[1]], 'mode index points at a 1')
   check(torch.Tensor({4, 2, 4, 2}):mode(), {2}, 'ties in frequency give the smallest value')
   check(torch.mode(torch.Tensor({{1, 1, 2}, {3, 2, 2}}), 2), {{1}, {2}}, 'mode along dim 2')
   errors(function() x:kthvalue(5) end, 'kthvalue', 'k out of range')
end

function tests.meanVarStdForFloatTypes()
   local m = matrix()
   check(m:mean(), 3.5, 'mean')
   check(torch.mean(m, 2), {{3}, {4}}, 'mean(2)')
   check(m:var(), 3.5, 'unbiased var', 1e-12)
   check(m:var(true), 35 / 12, 'biased var', 1e-12)
   check(m:std(), math.sqrt(3.5), 'std', 1e-12)
   check(m:var(1), {{4.5, 4.5, 4.5}}, 'var along dim 1 (unbiased)', 1e-12)
   check(m:var(1, true), {{2.25, 2.25, 2.25}}, 'biased var along dim 1', 1e-12)
   check(torch.std(m, 2), {{2}, {2}}, 'std(2)', 1e-12)
   local res = torch.Tensor()
   torch.std(res, m, 2, true)
   check(res, {{math.sqrt(8 / 3)}, {math.sqrt(8 / 3)}}, 'result form, biased', 1e-12)
   check(torch.FloatTensor({1, 2}):mean(), 1.5, 'float mean')
   tester:assert(torch.LongTensor(2).mean == nil, 'integer tensors have no mean')
   errors(function() torch.mean(torch.LongTensor({1})) end, 'torch.mean', 'not for integers')
   errors(function() torch.Tensor():mean() end, 'mean', 'empty mean')
end

function tests.normAndDist()
   local x = torch.Tensor({3, -4})
   check(x:norm(), 5, 'default 2-norm', 1e-12)
   check(x:norm(1), 7, '1-norm', 1e-12)
   check(x:norm(0), 2, '0-norm counts non-zeros')
   check(x:norm(3), (27 + 64) ^ (1 / 3), '3-norm', 1e-12)
   local m = torch.Tensor({{3, 4}, {6, 8}})
   check(m:norm(2, 2), {{5}, {10}}, 'norm(p, dim)', 1e-12)
   check(torch.norm(m, 1, 1), {{9, 12}}, 'torch.norm(t, p, dim)', 1e-12)
   local res = torch.Tensor()
   torch.norm(res, m, 2, 1)
   check(res, {{math.sqrt(45), math.sqrt(80)}}, 'result form', 1e-12)
   check(torch.dist(x, torch.Tensor({0, 0})), 5, 'dist', 1e-12)
   check(x:dist(torch.Tensor({0, 0}), 1), 7, 'dist with p', 1e-12)
   errors(function() x:dist(torch.Tensor(3)) end, 'dist', 'size mismatch')
end

function tests.renormRescalesOnlySlicesAboveMaxnorm()
   local m = torch.Tensor({{3, 4}, {0.3, 0.4}})
   local r = torch.renorm(m, 2, 1, 1)
   check(r, {{3 / (5 + 1e-7), 4 / (5 + 1e-7)}, {0.3, 0.4}}, 'row 1 rescaled', 1e-12)
   check(m, {{3, 4}, {0.3, 0.4}}, 'torch.renorm leaves the source alone')
   m:renorm(2, 1, 1)
   check(m, {{3 / (5 + 1e-7), 4 / (5 + 1e-7)}, {0.3, 0.4}}, 'method works in place', 1e-12)
   errors(function() torch.Tensor({1, 2}):renorm(2, 1, 1) end, 'renorm', 'needs a matrix')
   errors(function() m:renorm(0, 1, 1) end, 'renorm', 'p must be positive')
end

function tests.allAndAnyOnByteTensors()
   tester:assert(torch.ByteTensor({1, 1}):all() == true, 'all true')
   tester:assert(torch.ByteTensor({1, 0}):all() == false, 'all false')
   tester:assert(torch.ByteTensor({0, 1}):any() == true, 'any true')
   tester:assert(torch.ByteTensor({0, 0}):any() == false, 'any false')
   tester:assert(torch.any(torch.ByteTensor(3000):zero()) == false, 'large any')
   tester:assert(torch.Tensor(2).all == nil, 'only ByteTensor has all')
end

function tests.reductionsWorkOnEveryType()
   for _, name in ipairs({ 'Double', 'Float', 'Long', 'Int', 'Short', 'Char', 'Byte' }) do
      local t = torch[name .. 'Tensor']({{1, 2}, {3, 4}})
      check(t:sum(), 10, name .. ' sum')
      check(t:max(), 4, name .. ' max')
      local v, i = t:max(1)
      check(v, {{3, 4}}, name .. ' max values')
      check(i, {{2, 2}}, name .. ' max indices')
      check(t:sort(2, true), {{2, 1}, {4, 3}}, name .. ' sort')
      tester:assert(torch.typename(t:sum(1)) == 'torch.' .. name .. 'Tensor', name .. ' type')
   end
end

function tests.largeReductionsMatchSmallOnes()
   local x = torch.range(1, 6000):view(60, 100)
   check(x:sum(1)[1][1], 60 * 1 + 100 * (59 * 60 / 2), 'column sum')
   local v, i = x:max(2)
   check(v[60][1], 6000, 'row max')
   check(i[60][1], 100, 'row argmax')
   check(x:t():sum(), 6000 * 6001 / 2, 'transposed sum')
end

function tests.smallTensorLoopsAgreeWithTheKernels()
   local x = torch.Tensor({{3, -1, 4, 1}, {5, 9, -2, 6}, {5, 3, 5, 0 / 0}})
   local y = x:t():clone():t()   -- same values, not contiguous: goes through the kernels
   for _, op in ipairs({ 'sum', 'prod', 'mean' }) do
      for d = 1, 2 do
         check(x[op](x, d), y[op](y, d):totable(), op .. ' along ' .. d, 1e-12)
      end
   end
   for _, op in ipairs({ 'max', 'min' }) do
      for d = 1, 2 do
         local v1, i1 = x[op](x, d)
         local v2, i2 = y[op](y, d)
         check(v1, v2:totable(), op .. ' values along ' .. d)
         check(i1, i2:totable(), op .. ' indices along ' .. d)
      end
   end
   local f = torch.FloatTensor({{0.1, 0.2}, {0.3, 0.4}})
   check(f:sum(2), f:t():clone():t():sum(2):totable(), 'float sums round alike')
end

function tests.maxIntoValuesWithoutIndices()
   local src = torch.Tensor({{1, 5, 2}, {7, 0, 3}})
   local values = torch.Tensor()
   values:max(src, 2)
   tester:assertTableEq(values:totable(), {{5}, {7}})
   local v2 = torch.Tensor()
   torch.min(v2, src, 1)
   tester:assertTableEq(v2:totable(), {{1, 0, 2}})
end

tester:add(tests)
return tester
