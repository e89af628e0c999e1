-- Tensor core: constructors, geometry, views, indexing and copies.
local tester = torch.Tester()
local tests = {}

function tests.constructorsFromSizesTablesAndStorages()
   local a = torch.DoubleTensor(2, 3)
   tester:eq(a:dim(), 2)
   tester:eq(a:size(1), 2)
   tester:eq(a:stride(1), 3)
   local b = torch.Tensor(torch.LongStorage({4, 5}))
   tester:eq(b:nElement(), 20)
   local c = torch.FloatTensor({{1, 2}, {3, 4}})
   tester:eq(c[2][1], 3)
   tester:eq(torch.typename(c), 'torch.FloatTensor')
   local s = torch.DoubleStorage({10, 20, 30, 40, 50, 60})
   local d = torch.DoubleTensor(s, 2, torch.LongStorage({2, 2}), torch.LongStorage({3, 1}))
   tester:eq(d[2][2], 60)
   tester:eq(d:storageOffset(), 2)
   local e = torch.DoubleTensor(d)
   tester:assert(e:isSetTo(d), 'a tensor built from a tensor shares its storage and geometry')
   tester:eq(torch.Tensor():dim(), 0)
   tester:assert(torch.Tensor():storage() == nil, 'an empty tensor has no storage')
end

function tests.newMakesATensorOfTheSameType()
   local f = torch.FloatTensor(3)
   local g = f.new()
   tester:eq(torch.typename(g), 'torch.FloatTensor')
   tester:eq(g:dim(), 0)
   tester:eq(f.new(2, 5):size(2), 5)
   tester:eq(torch.typename(torch.ByteStorage(2).new(4)), 'torch.ByteStorage')
end

function tests.fractionalSizesAreTruncated()
   local t = torch.Tensor(2.7, 3.2)
   tester:eq(t:size(1), 2)
   tester:eq(t:size(2), 3)
   tester:eq(torch.rand(3.5, 2):size(1), 3)
end

function tests.sizeZeroGivesNoDimensions()
   tester:eq(torch.Tensor(0):dim(), 0)
   tester:eq(torch.Tensor(3, 0):nElement(), 0)
end

function tests.lengthOperatorReturnsSizes()
   local t = torch.Tensor(3, 4)
   local sz = #t
   tester:eq(torch.typename(sz), 'torch.LongStorage')
   tester:eq(sz[1], 3)
   tester:eq(sz[2], 4)
end

function tests.viewsShareMemory()
   local t = torch.Tensor({{1, 2, 3}, {4, 5, 6}})
   local n = t:narrow(2, 2, 2)
   n[1][1] = 20
   tester:eq(t[1][2], 20)
   local tr = t:t()
   tester:eq(tr[3][2], 6)
   tester:assert(not tr:isContiguous(), 'a transpose is not contiguous')
   local sel = t:select(1, 2)
   tester:eq(sel:dim(), 1)
   tester:eq(sel[3], 6)
   local u = torch.Tensor({1, 2, 3, 4, 5, 6, 7}):unfold(1, 3, 2)
   tester:eq(u:size(1), 3)
   tester:eq(u[3][3], 7)
   local ex = torch.Tensor({1, 2, 3}):view(3, 1):expand(3, 4)
   tester:eq(ex:stride(2), 0)
   tester:eq(ex[2][4], 2)
   local v = t:view(3, 2)
   tester:eq(v[3][1], 5)
   tester:eq(t:view(-1, 3):size(1), 2)
   tester:eq(t:unsqueeze(1):dim(), 3)
   tester:eq(t:unsqueeze(1):squeeze():dim(), 2)
   local p = torch.Tensor(2, 3, 4):permute(3, 1, 2)
   tester:eq(p:size(1), 4)
   tester:eq(p:stride(1), 1)
end

function tests.tableIndexingWithRangesAndNegatives()
   local t = torch.Tensor({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}})
   tester:eq(t[{2, 3}], 6)
   tester:eq(t[{-1, -1}], 9)
   local r = t[{{}, {2, 3}}]
   tester:eq(r:size(2), 2)
   tester:eq(r[3][1], 8)
   local row = t[{{2}}]
   tester:eq(row:dim(), 2)
   t[{{1, 2}, 1}] = 0
   tester:eq(t[1][1], 0)
   tester:eq(t[2][1], 0)
   tester:eq(t[3][1], 7)
   t[{3, 3}] = -9
   tester:eq(t[3][3], -9)
end

function tests.outOfRangeIndicesRaise()
   local t = torch.Tensor(2, 3)
   tester:assert(not pcall(function() return t[3] end), 't[3] on 2 rows raises')
   tester:assert(not pcall(function() return t[1][4] end), 't[1][4] on 3 columns raises')
   tester:assert(not pcall(function() t[1][0] = 1 end), 'index 0 raises')
   tester:assert(not pcall(function() return t:narrow(2, 2, 3) end), 'narrow past the end raises')
   tester:assert(not pcall(function() return t:view(4, 2) end), 'a view with other size raises')
   local s = torch.DoubleStorage(4)
   tester:assert(not pcall(function() return torch.DoubleTensor(s, 2, 3, 2) end),
      'a geometry reaching past the storage raises')
end

function tests.copyConvertsBetweenTypes()
   local d = torch.Tensor({{1.7, -2.2}, {3.9, 250.0}})
   local i = torch.IntTensor(2, 2):copy(d)
   tester:eq(i[1][1], 1)
   tester:eq(i[1][2], -2)
   local b = d:byte()
   tester:eq(b[2][2], 250)
   local f = d:t():float()
   tester:eq(f[1][2], 3.9 - (3.9 - f[1][2]))
   tester:assert(f:isContiguous(), 'conversion gives a contiguous tensor')
   local c = d:t():clone()
   tester:eq(c[2][1], -2.2)
   local big = torch.Tensor(100, 100)
   big[{50, 50}] = 3
   local cp = torch.FloatTensor(100, 100):copy(big:t())
   tester:eq(cp[50][50], 3)
end

-- Element-by-element reference for copies between equal-sized tensors.
local function sameElements(a, b)
   local fa, fb = a:clone():view(a:nElement()), b:clone():view(b:nElement())
   for i = 1, fa:size(1) do
      if fa[i] ~= fb[i] then return false end
   end
   return true
end

function tests.blockCopiesGoRowByRowAndKeepElements()
   local big = torch.range(1, 200 * 90):view(200, 90)
   local block = big:narrow(1, 7, 40):narrow(2, 3, 64)      -- rows of 64, stride 90
   local dst = torch.Tensor(40, 64):copy(block)
   tester:assert(sameElements(dst, block), '2-D block')
   tester:eq(dst[1][1], big[7][3])
   tester:eq(dst[40][64], big[46][66])
   -- into a non-contiguous destination, and 3-D with an expanded outer dimension
   local out = torch.zeros(50, 100)
   out:narrow(2, 5, 64):narrow(1, 2, 40):copy(block)
   tester:eq(out[2][5], big[7][3])
   tester:eq(out[41][68], big[46][66])
   tester:eq(out[1][5], 0)
   tester:eq(out[42][5], 0)
   local e = torch.Tensor(big:storage(), 1, torch.LongStorage({4, 3, 40}),
      torch.LongStorage({0, 90, 1}))
   local d3 = torch.Tensor(4, 3, 40):copy(e)
   tester:assert(sameElements(d3, e), '3-D expanded')
   for _, name in ipairs({'Float', 'Byte', 'Half'}) do
      local src = big:narrow(2, 2, 33):type('torch.' .. name .. 'Tensor')
      local v = src:narrow(1, 3, 5)
      local c = torch[name .. 'Tensor'](5, 33):copy(v)
      tester:assert(sameElements(c:double(), v:double()), name)
   end
   local short = big:narrow(2, 1, 8)                           -- rows shorter than a memmove pays
   tester:assert(sameElements(torch.Tensor(200, 8):copy(short), short), 'short rows')
end

function tests.blockCopyFromShrunkStorageRaises()
   local t = torch.Tensor(10, 40):fill(1)
   local v = t:narrow(2, 1, 35)
   t:storage():resize(100)
   tester:assert(not pcall(function() torch.Tensor(10, 35):copy(v) end),
      'a 2-D copy reaching past a shrunk storage raises')
end

-- LuaJIT (as bundled with lupa 2.8) miscompiles the trace it records at the storage
-- constructor's entry, so that constructor stays interpreted.
function tests.storageConstructorIsNeverCompiled()
   local util = require 'jit.util'
   local starts = {}
   local function onTrace(what, _, func, pc)
      if what == 'start' then
         local info = util.funcinfo(func, pc)
         starts[#starts + 1] = tostring(info.source) .. ':' .. tostring(info.linedefined)
      end
   end
   jit.attach(onTrace, 'trace')
   local ok, err = pcall(function()
      for i = 1, 5000 do local _ = torch.LongStorage({i % 7 + 1, 3}) end
   end)
   jit.attach(onTrace)
   tester:assert(ok, tostring(err))
   for _, where in ipairs(starts) do
      tester:assert(not where:find('StorageMethods.lua', 1, true),
         'a trace started in the storage constructor')
   end
end

function tests.resizeKeepsStorageAndGrows()
   local t = torch.Tensor({1, 2, 3, 4})
   t:resize(2, 2)
   tester:eq(t[2][1], 3)
   t:resize(3, 3)
   tester:eq(t:storage():size(), 9)
   tester:eq(t[1][2], 2)
end

function tests.shrunkStorageNeverReadsOutOfBounds()
   local t = torch.Tensor(10):fill(1)
   local v = t:narrow(1, 6, 5)
   t:storage():resize(3)
   tester:assert(not pcall(function() return v[2] end), 'reading past a shrunk storage raises')
   tester:assert(not pcall(function() v[2] = 5 end), 'writing past a shrunk storage raises')
   tester:assert(not pcall(function() v:fill(2) end), 'filling past a shrunk storage raises')
   tester:assert(not pcall(function() torch.Tensor(5):copy(v) end),
      'copying from past a shrunk storage raises')
end

function tests.pointersStayValidWhenNumpyFirstSeesASmallStorage()
   local t = torch.Tensor(4):fill(2)
   local p = t:data()
   torch._np(t)            -- hands the small storage's memory to numpy, without moving it
   p[1] = 7
   tester:eq(t[2], 7)
   tester:eq(torch._np(t)[1], 7)
end

function tests.viewsNeverExceedTheDimensionLimit()
   local sizes = {}
   for d = 1, torch.MAXDIM + 1 do sizes[d] = 1 end
   local t = torch.Tensor(1)
   tester:assertError(function() t:expand(unpack(sizes)) end, 'expand past the limit raises')
   local fullSizes = {}
   for d = 1, torch.MAXDIM do fullSizes[d] = 1 end
   local full = torch.Tensor(torch.LongStorage(fullSizes))
   tester:assertError(function() full:unsqueeze(1) end, 'unsqueeze past the limit raises')
   tester:assertError(function() full:unfold(1, 1, 1) end, 'unfold past the limit raises')
   tester:assertError(function() torch.Tensor(unpack(sizes)) end, 'resize past the limit raises')
end

function tests.emptyTensorsCannotGainDimensionsWithoutStorage()
   local e = torch.Tensor()
   tester:assert(not pcall(function() return e:expand(3) end), 'expand of an empty tensor raises')
   tester:assert(not pcall(function() return e:unsqueeze(1) end),
      'unsqueeze of an empty tensor raises')
   tester:assert(not pcall(function() return e[1] end), 'indexing an empty tensor raises')
end

-- Every pair of types, copied often enough for LuaJIT to compile the copy loop: the bundled
-- LuaJIT miscompiles 64-bit integer to single-precision stores (wrong values, and memory
-- next to the destination overwritten), so Long to Float must not take the loop.
function tests.copyEveryTypePairOnceCompiled()
   local names = { 'Byte', 'Char', 'Short', 'Int', 'Long', 'Float', 'Double' }
   for _, S in ipairs(names) do
      for _, T in ipairs(names) do
         local wrong = 0
         for _ = 1, 200 do
            local src = torch[S .. 'Tensor'](9):fill(100)
            local t = torch[T .. 'Tensor'](9):copy(src)
            local st = torch[T .. 'Storage'](9):copy(src:storage())
            if t:sum() ~= 900 or st[9] ~= 100 then wrong = wrong + 1 end
         end
         tester:eq(wrong, 0, S .. ' to ' .. T)
      end
   end
   -- beyond 2^24 a Float rounds as C's conversion does
   local big = torch.LongTensor({ 16777217, -16777219 })
   for _ = 1, 200 do big:float() end
   tester:eq(big:float()[1], 16777216, 'round to even')
   tester:eq(big:float()[2], -16777220, 'round to even, negative')
end

tester:add(tests)
return tester
