-- apply, map and map2, and the tensor operators + - * / % and unary minus.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'pointwise_helpers.lua')
local tester = torch.Tester()
local tests = {}
local raises = H.raises

function tests.applyFillsInRowMajorOrder()
   local z = torch.Tensor(3, 3)
   local i = 0
   tester:assert(z:apply(function() i = i + 1; return i end) == z, 'apply returns self')
   tester:assert(H.matches(z, { 1, 2, 3, 4, 5, 6, 7, 8, 9 }), 'apply fill')
   local t = z:t()
   local seen = {}
   t:apply(function(x) seen[#seen + 1] = x end)
   tester:eq(table.concat(seen, ','), '1,4,7,2,5,8,3,6,9', 'transpose visited row-major')
   local sum = 0
   z:apply(function(x) sum = sum + x end)
   tester:eq(sum, 45, 'nil keeps the element')
   tester:assert(H.matches(z, { 1, 2, 3, 4, 5, 6, 7, 8, 9 }), 'unchanged after nil returns')
   z:select(2, 2):apply(function(x) return -x end)
   tester:assert(H.matches(z, { 1, -2, 3, 4, -5, 6, 7, -8, 9 }), 'apply on a column view')
end

function tests.applyOnIntegerTypesCasts()
   local b = torch.ByteTensor(3)
   local i = 254
   b:apply(function() i = i + 1; return i end)
   tester:assert(H.matches(b, { 255, 0, 1 }), 'byte values wrap')
   local l = torch.LongTensor({ 1, 2 }):apply(function(x) return x * 10 end)
   tester:assert(H.matches(l, { 10, 20 }), 'long apply')
   local e = torch.Tensor()
   tester:eq(e:apply(function() return 1 end):nElement(), 0)
end

function tests.mapAndMap2()
   local x = torch.Tensor(3, 3)
   local y = torch.Tensor(9)
   local i = 0
   x:apply(function() i = i + 1; return i end)
   i = 0
   y:apply(function() i = i + 1; return i end)
   x:map(y, function(a, b) return a * b end)
   tester:assert(H.matches(x, { 1, 4, 9, 16, 25, 36, 49, 64, 81 }), 'map')
   local z = torch.Tensor(9):fill(2)
   x:map2(y, z, function(a, b, c) return a + b * c end)
   tester:assert(H.matches(x, { 3, 8, 15, 24, 35, 48, 63, 80, 99 }), 'map2')
   local m = torch.Tensor({ { 1, 2 }, { 3, 4 } })
   local v = torch.Tensor({ 10, 20, 30, 40 })
   m:t():map(v, function(a, b) return a + b end)
   tester:assert(H.matches(m, { 11, 32, 23, 44 }), 'map through a transpose')
   raises(tester, function() x:map(torch.Tensor(2), function() end) end, 'map')
   raises(tester, function() x:map(torch.FloatTensor(9), function() end) end, 'map')
   raises(tester, function() x:apply(5) end, 'apply')
   raises(tester, function() x:apply(function() return 'a' end) end, 'number or nil')
end

function tests.additionAndSubtraction()
   local a, b = torch.Tensor({ 1, 2 }), torch.Tensor({ 10, 20 })
   tester:assert(H.matches(a + b, { 11, 22 }), 'a + b')
   tester:assert(H.matches(a + 1, { 2, 3 }), 'a + 1')
   tester:assert(H.matches(1 + a, { 2, 3 }), '1 + a')
   tester:assert(H.matches(b - a, { 9, 18 }), 'b - a')
   tester:assert(H.matches(a - 1, { 0, 1 }), 'a - 1')
   tester:assert(H.matches(2 - a, { 1, 0 }), '2 - a')
   tester:assert(H.matches(-a, { -1, -2 }), '-a')
   tester:assert(H.matches(a, { 1, 2 }), 'operands unchanged')
   tester:assert(H.matches(-torch.ByteTensor({ 1 }), { 255 }), 'byte negation wraps')
   local m = torch.Tensor(2, 2):fill(1)
   tester:eq((m + torch.Tensor({ 1, 2, 3, 4 })):dim(), 2, 'result takes the left shape')
   raises(tester, function() return a + torch.FloatTensor({ 1, 2 }) end, '__add__')
   raises(tester, function() return a + 'x' end, '__add__')
   raises(tester, function() return a + torch.Tensor(3) end, '__add__')
end

function tests.multiplicationDivisionModulo()
   local a = torch.Tensor({ 1, 2 })
   tester:assert(H.matches(a * 3, { 3, 6 }), 'a * 3')
   tester:assert(H.matches(3 * a, { 3, 6 }), '3 * a')
   tester:assert(H.matches(a / 2, { 0.5, 1 }), 'a / 2')
   tester:assert(H.matches(torch.IntTensor({ 7, -7 }) / 2, { 3, -3 }), 'integer division')
   tester:assert(H.matches(torch.Tensor({ -3, 3 }) % 2, { 1, 1 }), 'a % 2 is remainder')
   raises(tester, function() return 2 / a end, '__div__')
   raises(tester, function() return a / a end, '__div__')
   raises(tester, function() return torch.Tensor(2, 2, 2) * torch.Tensor(2) end,
      'not yet supported')
end

function tests.matrixProductsUseBlas()
   if torch._tensorMethods.dot == nil or torch._tensorMethods.addmm == nil then
      return   -- the BLAS family is not loaded yet
   end
   local v = torch.Tensor({ 1, 2 })
   tester:eq(v * v, 5, 'vector * vector is a dot product')
   local m = torch.Tensor({ { 1, 2 }, { 3, 4 } })
   tester:assert(H.matches(m * v, { 5, 11 }), 'matrix * vector')
   tester:assert(H.matches(m * m, { 7, 10, 15, 22 }), 'matrix * matrix')
end

tester:add(tests)
return tester
