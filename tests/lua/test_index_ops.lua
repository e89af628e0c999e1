-- Index operations: index, indexCopy, indexAdd, indexFill, gather, scatter, maskedSelect,
-- maskedCopy, maskedFill, nonzero, and t[mask] / t[indices].
local tester = torch.Tester()
local tests = {}

local function same(a, b)
   if type(a) == 'table' and type(b) == 'table' then
      if #a ~= #b then return false end
      for i = 1, #a do
         if not same(a[i], b[i]) then return false end
      end
      return true
   end
   return a == b
end

local function show(x)
   if type(x) ~= 'table' then return tostring(x) end
   local parts = {}
   for i = 1, #x do parts[i] = show(x[i]) end
   return '{' .. table.concat(parts, ', ') .. '}'
end

local function check(got, expected, msg)
   if torch.isTensor(got) then got = got:totable() end
   tester:assert(same(got, expected), string.format('%s: got %s, expected %s', msg,
      show(got), show(expected)))
end

local function errors(f, text, msg)
   local ok, err = pcall(f)
   tester:assert(not ok and tostring(err):find(text, 1, true) ~= nil,
      string.format('%s: expected an error containing %q, got %s', msg, text, tostring(err)))
end

local function grid() return torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}) end
local L = torch.LongTensor

function tests.indexSelectsSlicesByOneBasedIndices()
   local m = grid()
   check(m:index(1, L({3, 1})), {{7, 8, 9}, {1, 2, 3}}, 'rows')
   check(torch.index(m, 2, L({2, 2})), {{2, 2}, {5, 5}, {8, 8}}, 'columns, repeated')
   check(torch.Tensor({10, 20, 30}):index(1, L({3})), {30}, 'vector')
   local res = torch.Tensor()
   res:index(m, 1, L({2}))
   check(res, {{4, 5, 6}}, 'result form')
   local r = m:index(1, L({1}))
   r[1][1] = 100
   check(m[1][1], 1, 'index copies')
   check(m:t():index(1, L({1})), {{1, 4, 7}}, 'non-contiguous source')
end

function tests.indexBlockCopiesAgreeWithTheKernel()
   local src = torch.range(1, 3000 * 2):view(3000, 2)
   local idx = torch.LongTensor(3000)
   for i = 1, 3000 do idx[i] = 3001 - i end
   local big = src:index(1, idx)                 -- many rows: through the kernel
   local few = src:index(1, idx:narrow(1, 1, 5)) -- few rows: block copies
   check(few, big:narrow(1, 1, 5):totable(), 'same rows')
   check(big[3000], {1, 2}, 'last row')
   local cols = src:narrow(1, 1, 4):index(2, L({2, 1}))
   check(cols, {{2, 1}, {4, 3}, {6, 5}, {8, 7}}, 'columns of a contiguous narrow')
   idx[10] = 3001
   errors(function() src:index(1, idx) end, 'index 3001 out of range', 'kernel range check')
end

function tests.indexErrorsAreClear()
   local m = grid()
   errors(function() m:index(1, L({4})) end, 'index 4 out of range', 'too large')
   errors(function() m:index(1, L({0})) end, 'index 0 out of range', 'zero is out of range')
   errors(function() m:index(3, L({1})) end, 'index', 'bad dim')
   errors(function() m:index(1, torch.Tensor({1})) end, 'LongTensor', 'indices type')
   errors(function() m:index(1, L({{1}})) end, 'vector', 'indices must be a vector')
end

function tests.indexCopyAddAndFill()
   local z = torch.zeros(3, 2)
   z:indexCopy(1, L({3, 1}), torch.Tensor({{1, 2}, {3, 4}}))
   check(z, {{3, 4}, {0, 0}, {1, 2}}, 'indexCopy')
   z:indexAdd(1, L({2, 2}), torch.Tensor({{1, 1}, {2, 2}}))
   check(z, {{3, 4}, {3, 3}, {1, 2}}, 'indexAdd accumulates repeated indices')
   z:indexFill(2, L({1}), -1)
   check(z, {{-1, 4}, {-1, 3}, {-1, 2}}, 'indexFill')
   local v = torch.zeros(4)
   v:indexCopy(1, L({4, 2}), torch.Tensor({7, 8}))
   check(v, {0, 8, 0, 7}, 'vector indexCopy')
   local r = v:indexFill(1, L({1}), 5)
   tester:assert(r == v, 'returns the tensor itself')
   errors(function() z:indexCopy(1, L({4, 1}), torch.Tensor(2, 2)) end, 'indexCopy',
      'out of range')
   check(z, {{-1, 4}, {-1, 3}, {-1, 2}}, 'a failed call changes nothing')
   errors(function() z:indexCopy(1, L({1}), torch.Tensor(2, 2)) end, 'indexCopy',
      'source size')
   errors(function() z:indexAdd(1, L({-1}), torch.Tensor(1, 2)) end, 'indexAdd',
      'negative index')
   errors(function() z:indexFill(1, L({9}), 0) end, 'indexFill', 'fill out of range')
end

function tests.gatherAndScatter()
   local m = grid()
   check(m:gather(2, L({{1, 1}, {3, 2}, {2, 3}})), {{1, 1}, {6, 5}, {8, 9}}, 'gather dim 2')
   check(torch.gather(m, 1, L({{3, 1, 2}})), {{7, 2, 6}}, 'gather dim 1')
   local res = torch.Tensor()
   torch.gather(res, m, 2, L({{3}, {3}, {3}}))
   check(res, {{3}, {6}, {9}}, 'result form')
   local z = torch.zeros(2, 3)
   z:scatter(2, L({{3, 1}, {2, 2}}), torch.Tensor({{1, 2}, {3, 4}}))
   check(z, {{2, 0, 1}, {0, 4, 0}}, 'scatter a tensor (last write wins)')
   z:scatter(1, L({{2, 1, 1}}), 9)
   check(z, {{2, 9, 9}, {9, 4, 0}}, 'scatter a number')
   errors(function() m:gather(2, L({{4}, {1}, {1}})) end, 'gather', 'gather out of range')
   errors(function() z:scatter(2, L({{0}, {1}}), 1) end, 'scatter', 'scatter out of range')
   errors(function() m:gather(1, L({1, 2})) end, 'gather', 'dimension count')
   errors(function() z:scatter(2, L({{1}, {1}}), torch.Tensor(2, 0)) end, 'scatter',
      'source too small')
end

function tests.maskedSelectCopyAndFill()
   local m = grid()
   local mask = torch.ByteTensor({{0, 1, 0}, {1, 0, 0}, {0, 0, 1}})
   check(m:maskedSelect(mask), {2, 4, 9}, 'row-major selection')
   local res = torch.Tensor()
   torch.maskedSelect(res, m, mask)
   check(res, {2, 4, 9}, 'result form')
   local c = m:clone()
   c:maskedFill(mask, 0)
   check(c, {{1, 0, 3}, {0, 5, 6}, {7, 8, 0}}, 'maskedFill')
   c:maskedCopy(mask, torch.Tensor({10, 20, 30, 40}))
   check(c, {{1, 10, 3}, {20, 5, 6}, {7, 8, 30}}, 'maskedCopy takes source elements in order')
   check(m:maskedSelect(torch.ByteTensor(3, 3):zero()):nElement(), 0, 'nothing selected')
   errors(function() m:maskedSelect(torch.ByteTensor(2)) end, 'maskedSelect', 'mask size')
   errors(function() m:maskedFill(mask:double(), 1) end, 'ByteTensor', 'mask type')
   errors(function() m:maskedFill(torch.ByteTensor(3, 3):fill(2), 1) end, '0 and 1',
      'mask values')
   errors(function() c:maskedCopy(mask, torch.Tensor({1})) end, 'maskedCopy', 'short source')
end

function tests.bracketIndexingWithMasksAndLongTensors()
   local m = grid()
   local mask = torch.ByteTensor({{1, 0, 0}, {0, 0, 0}, {0, 0, 1}})
   check(m[mask], {1, 9}, 't[mask]')
   check(m[L({2})], {{4, 5, 6}}, 't[longTensor] selects rows')
   m[mask] = 0
   check(m, {{0, 2, 3}, {4, 5, 6}, {7, 8, 0}}, 't[mask] = number')
   m[L({1})] = -1
   check(m[1], {-1, -1, -1}, 't[indices] = number')
end

function tests.nonzeroGivesOneBasedSubscripts()
   local x = torch.Tensor({{0, 3}, {4, 0}})
   local nz = torch.nonzero(x)
   check(nz, {{1, 2}, {2, 1}}, 'subscripts')
   tester:assert(torch.typename(nz) == 'torch.LongTensor', 'a LongTensor')
   check(torch.ByteTensor({0, 1, 1}):nonzero(), {{2}, {3}}, 'vector gives n x 1')
   local res = torch.LongTensor()
   res:nonzero(torch.IntTensor({5, 0}))
   check(res, {{1}}, 'result form')
   check(torch.zeros(3):nonzero():nElement(), 0, 'no non-zeros')
end

function tests.indexOpsWorkOnEveryType()
   for _, name in ipairs({ 'Double', 'Float', 'Long', 'Int', 'Short', 'Char', 'Byte' }) do
      local t = torch[name .. 'Tensor']({{1, 2}, {3, 4}})
      check(t:index(1, L({2})), {{3, 4}}, name .. ' index')
      check(t:gather(2, L({{2}, {1}})), {{2}, {3}}, name .. ' gather')
      check(t:maskedSelect(torch.ByteTensor({{1, 0}, {0, 1}})), {1, 4}, name .. ' masked')
      t:indexFill(1, L({1}), 0)
      check(t, {{0, 0}, {3, 4}}, name .. ' indexFill')
   end
end

tester:add(tests)
return tester
