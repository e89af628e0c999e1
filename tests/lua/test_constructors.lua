-- Constructors and whole-tensor helpers: zeros, ones, eye, range, linspace, logspace, diag,
-- tril, triu, trace, cat, split, chunk, reshape, repeatTensor, histc, equal, numel, totable.
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

function tests.zerosAndOnesInEveryForm()
   check(torch.zeros(2, 2), {{0, 0}, {0, 0}}, 'torch.zeros')
   tester:assert(torch.typename(torch.ones(2)) == torch.getdefaulttensortype(), 'default type')
   check(torch.ones(torch.LongStorage({1, 3})), {{1, 1, 1}}, 'sizes as a LongStorage')
   local t = torch.IntTensor(5):fill(7)
   local r = t:zeros(3)
   tester:assert(r == t, 't:zeros fills t itself')
   check(t, {0, 0, 0}, 't:zeros resized')
   local res = torch.FloatTensor()
   torch.ones(res, 2)
   check(res, {1, 1}, 'torch.ones(res, sizes)')
   errors(function() torch.zeros('a') end, 'zeros', 'bad sizes')
end

function tests.eyeIsTheIdentityOrRectangular()
   check(torch.eye(2), {{1, 0}, {0, 1}}, 'square')
   check(torch.eye(2, 3), {{1, 0, 0}, {0, 1, 0}}, 'rectangular')
   local t = torch.LongTensor()
   t:eye(1)
   check(t, {{1}}, 'method fills the tensor')
   errors(function() torch.eye(0) end, 'eye', 'n must be positive')
end

function tests.rangeIsInclusiveWithTheUpstreamCount()
   check(torch.range(1, 4), {1, 2, 3, 4}, 'step 1, inclusive')
   check(torch.range(1, 10, 4), {1, 5, 9}, 'floor((max - min) / step) + 1 elements')
   check(torch.range(5, 1, -2), {5, 3, 1}, 'negative step')
   check(torch.range(0, 1, 0.25), {0, 0.25, 0.5, 0.75, 1}, 'fractional step')
   check(torch.range(0, 0.3, 0.1):nElement(), 3, 'rounding gives what upstream gives', 1e-9)
   local res = torch.IntTensor()
   res:range(2, 4)
   check(res, {2, 3, 4}, 'res:range')
   check(torch.range(torch.LongTensor(), 1, 3), {1, 2, 3}, 'torch.range(res, ...)')
   check(torch.range(1, 5000):sum(), 5000 * 5001 / 2, 'large range')
   errors(function() torch.range(1, 2, 0) end, 'range', 'zero step')
   errors(function() torch.range(3, 1) end, 'range', 'bounds against the step sign')
end

function tests.linspaceAndLogspace()
   check(torch.linspace(0, 1, 5), {0, 0.25, 0.5, 0.75, 1}, 'linspace', 1e-12)
   check(torch.linspace(0, 1):nElement(), 100, 'default 100 points')
   check(torch.linspace(2, 2, 1), {2}, 'one point when a == b')
   check(torch.logspace(0, 2, 3), {1, 10, 100}, 'logspace', 1e-9)
   local f = torch.FloatTensor()
   f:linspace(-1, 1, 3)
   check(f, {-1, 0, 1}, 'method on FloatTensor')
   tester:assert(torch.LongTensor().linspace == nil, 'only float types have linspace')
   errors(function() torch.linspace(0, 1, 1) end, 'linspace', 'invalid number of points')
end

function tests.diagBothDirectionsWithK()
   local v = torch.Tensor({1, 2})
   check(torch.diag(v), {{1, 0}, {0, 2}}, 'vector to matrix')
   check(v:diag(1), {{0, 1, 0}, {0, 0, 2}, {0, 0, 0}}, 'above the diagonal')
   check(torch.diag(v, -1), {{0, 0, 0}, {1, 0, 0}, {0, 2, 0}}, 'below the diagonal')
   local m = torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
   check(m:diag(), {1, 5, 9}, 'matrix to vector')
   check(torch.diag(m, 1), {2, 6}, 'k = 1')
   check(torch.diag(m, -2), {7}, 'k = -2')
   local res = torch.Tensor()
   torch.diag(res, m, -1)
   check(res, {4, 8}, 'result form')
   errors(function() torch.diag(torch.Tensor(2, 2, 2)) end, 'diag', '3D')
end

function tests.trilTriuAndTrace()
   local m = torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
   check(m:tril(), {{1, 0, 0}, {4, 5, 0}, {7, 8, 9}}, 'tril')
   check(torch.tril(m, -1), {{0, 0, 0}, {4, 0, 0}, {7, 8, 0}}, 'tril k = -1')
   check(m:triu(), {{1, 2, 3}, {0, 5, 6}, {0, 0, 9}}, 'triu')
   check(torch.triu(m, 1), {{0, 2, 3}, {0, 0, 6}, {0, 0, 0}}, 'triu k = 1')
   check(m:trace(), 15, 'trace')
   check(torch.trace(m:narrow(2, 2, 2)), 8, 'trace of a non-square view')
   errors(function() torch.tril(torch.Tensor(3)) end, 'tril', 'needs a matrix')
   errors(function() torch.Tensor(3):trace() end, 'trace', 'needs a matrix')
end

function tests.catTensorsOrATable()
   local a, b = torch.Tensor({{1, 2}}), torch.Tensor({{3, 4}})
   check(torch.cat(a, b), {{1, 2, 3, 4}}, 'default is the last dimension')
   check(torch.cat(a, b, 1), {{1, 2}, {3, 4}}, 'along dim 1')
   check(torch.cat({a, b, a}, 1), {{1, 2}, {3, 4}, {1, 2}}, 'a table of tensors')
   check(a:cat(b, 1), {{1, 2}, {3, 4}}, 'method form')
   local res = torch.Tensor()
   torch.cat(res, {a, b}, 2)
   check(res, {{1, 2, 3, 4}}, 'result and a table')
   check(torch.cat(torch.Tensor({1, 2}), torch.Tensor({3}), 1), {1, 2, 3}, 'vectors')
   check(torch.cat(torch.Tensor({1, 2}), torch.Tensor({3, 4}), 2), {{1, 3}, {2, 4}},
      'a new dimension of size 1 is added')
   check(torch.cat(torch.Tensor(), a, 1), {{1, 2}}, 'empty tensors are skipped')
   errors(function() torch.cat(a, torch.Tensor({{1, 2, 3}}), 1) end, 'cat', 'size mismatch')
   errors(function() torch.cat(a, torch.LongTensor({{1, 2}})) end, 'cat', 'type mismatch')
end

function tests.splitAndChunkGiveViews()
   local x = torch.range(1, 5)
   local parts = x:split(2)
   check(#parts, 3, 'three pieces')
   check(parts[3], {5}, 'the last piece is smaller')
   parts[1][1] = 10
   check(x[1], 10, 'pieces are views')
   local m = torch.Tensor(2, 6)
   check(#torch.split(m, 4, 2), 2, 'along dim 2')
   check(#torch.chunk(torch.range(1, 10), 3), 3, 'chunk count')
   check(torch.chunk(torch.range(1, 10), 3)[3], {9, 10}, 'chunk sizes are ceil(n / k)')
   local out = { 'stale' }
   torch.split(out, x, 5)
   check(#out, 1, 'a given result table is emptied first')
end

function tests.reshapeCopies()
   local x = torch.range(1, 6)
   local r = x:reshape(2, 3)
   check(r, {{1, 2, 3}, {4, 5, 6}}, 'reshape')
   r[1][1] = 9
   check(x[1], 1, 'reshape copies')
   check(torch.reshape(x:view(2, 3):t(), 6), {1, 4, 2, 5, 3, 6}, 'row-major of a transpose')
   local res = torch.Tensor()
   torch.reshape(res, x, torch.LongStorage({3, 2}))
   check(sizes(res), {3, 2}, 'result form')
   errors(function() x:reshape(4) end, 'reshape', 'wrong element count')
end

function tests.repeatTensorTiles()
   local x = torch.Tensor({1, 2})
   check(x:repeatTensor(3), {1, 2, 1, 2, 1, 2}, '1-D')
   check(torch.repeatTensor(x, 2, 2), {{1, 2, 1, 2}, {1, 2, 1, 2}}, 'adds a dimension')
   local m = torch.Tensor({{1}, {2}})
   check(m:repeatTensor(1, 2), {{1, 1}, {2, 2}}, 'matrix')
   local res = torch.Tensor()
   torch.repeatTensor(res, x, 2)
   check(res, {1, 2, 1, 2}, 'result form')
   errors(function() m:repeatTensor(2) end, 'repeatTensor', 'too few counts')
end

function tests.histcCountsInBins()
   local x = torch.Tensor({1, 2, 1, 3, 5})
   check(torch.histc(x, 4), {2, 1, 1, 1}, 'data range')
   check(x:histc(2, 0, 4), {2, 2}, 'given range; 5 is outside')
   check(torch.histc(torch.Tensor({2, 2}), 2), {0, 2}, 'equal data widens the range')
   check(torch.histc(x):nElement(), 100, 'default 100 bins')
end

function tests.equalNumelAndTotable()
   local m = torch.Tensor({{1, 2}, {3, 4}})
   tester:assert(m:equal(m:clone()), 'equal')
   tester:assert(not torch.equal(m, m:t()), 'different elements')
   tester:assert(not m:equal(torch.Tensor({1, 2, 3, 4})), 'different sizes')
   check(torch.numel(m), 4, 'numel')
   check(m:totable(), {{1, 2}, {3, 4}}, 'totable')
   check(torch.totable(m:t()), {{1, 3}, {2, 4}}, 'totable of a view')
   check(torch.Tensor():totable(), {}, 'empty')
   check(torch.LongTensor({5}):totable(), {5}, 'long')
   errors(function() m:equal(torch.LongTensor(2, 2)) end, 'equal', 'type mismatch')
end

tester:add(tests)
return tester
