-- Random numbers: generators, seeding, state, fills, permutations, multinomial, errors.
local tester = torch.Tester()
local tests = {}

-- True when calling f raises an error whose message contains `text`.
local function raises(f, text)
   local ok, err = pcall(f)
   if ok then return false end
   return tostring(err):find(text, 1, true) ~= nil
end

local function assertRaises(f, text, what)
   local ok, err = pcall(f)
   tester:assert(not ok, what .. ': expected an error')
   if not ok then
      tester:assert(tostring(err):find(text, 1, true) ~= nil,
         string.format('%s: error "%s" should mention "%s"', what, tostring(err), text))
   end
end

local function sameValues(a, b)
   if a:nElement() ~= b:nElement() then return false end
   local x, y = a:contiguous():view(-1), b:contiguous():view(-1)
   for i = 1, a:nElement() do
      if x[i] ~= y[i] then return false end
   end
   return true
end

function tests.manualSeedReproducesEveryStream()
   torch.manualSeed(2024)
   local a, b, c = torch.rand(5), torch.randn(5), torch.random()
   torch.manualSeed(2024)
   tester:assert(sameValues(a, torch.rand(5)), 'rand repeats after reseeding')
   tester:assert(sameValues(b, torch.randn(5)), 'randn repeats after reseeding')
   tester:eq(torch.random(), c)
   torch.manualSeed(2025)
   tester:assert(not sameValues(a, torch.rand(5)), 'another seed gives another stream')
end

function tests.documentedValuesForSeedZeroAndSeed123()
   torch.manualSeed(0)
   tester:eq(torch.random(), 2357136044)
   local g = torch.Generator()
   torch.manualSeed(g, 0)
   tester:eq(torch.random(g), 2357136044)
   tester:eq(torch.random(g), 2546248239)
   tester:eq(torch.random(), 2546248239)
   torch.manualSeed(123)
   tester:assert(math.abs(torch.uniform() - 0.69646918727085) < 1e-13, 'uniform after seed 123')
end

function tests.generatorsAreIndependent()
   local g1, g2 = torch.Generator(), torch.Generator()
   torch.manualSeed(g1, 7)
   torch.manualSeed(g2, 7)
   torch.manualSeed(99)
   local expected = torch.rand(4)
   torch.manualSeed(99)
   local a = torch.rand(g1, 3)
   local b = torch.randn(g1, 2)
   tester:assert(sameValues(torch.rand(4), expected), 'the default stream is untouched by g1')
   tester:assert(sameValues(torch.rand(g2, 3), a), 'g2 repeats g1 from the same seed')
   tester:assert(sameValues(torch.randn(g2, 2), b), 'g2 normals repeat g1 normals')
   tester:eq(torch.typename(g1), 'torch.Generator')
   tester:assert(torch._defaultGenerator() == torch._gen, 'the default generator is torch._gen')
end

function tests.initialSeedAndSeed()
   torch.manualSeed(12345)
   tester:eq(torch.initialSeed(), 12345)
   torch.manualSeed(2 ^ 32 + 5)
   tester:eq(torch.initialSeed(), 2 ^ 32 + 5)
   local a = torch.random()
   torch.manualSeed(5)
   tester:eq(torch.random(), a)
   torch.manualSeed(-1)
   tester:eq(torch.initialSeed(), -1)
   local b = torch.random()
   torch.manualSeed(2 ^ 32 - 1)
   tester:eq(torch.random(), b)
   local s = torch.seed()
   tester:eq(type(s), 'number')
   tester:eq(torch.initialSeed(), s)
   local c = torch.rand(3)
   torch.manualSeed(torch.initialSeed())
   tester:assert(sameValues(torch.rand(3), c), 'manualSeed(initialSeed()) repeats the stream')
   local g = torch.Generator()
   tester:eq(torch.seed(g), torch.initialSeed(g))
end

function tests.stateRoundTripKeepsTheCachedNormal()
   local g = torch.Generator()
   torch.manualSeed(g, 3)
   torch.randn(g, 1)                        -- leaves one normal cached
   local s = torch.getRNGState(g)
   tester:eq(torch.typename(s), 'torch.ByteTensor')
   tester:eq(s:nElement(), 5048)
   local a = torch.randn(g, 5)
   tester:assert(torch.setRNGState(g, s) == s, 'setRNGState returns its argument')
   tester:assert(sameValues(torch.randn(g, 5), a), 'the stream repeats from the saved state')
   local into = torch.ByteTensor(3)
   tester:assert(torch.getRNGState(g, into) == into, 'getRNGState fills a given ByteTensor')
   tester:eq(into:nElement(), 5048)
end

function tests.badStatesAreRefused()
   assertRaises(function() torch.setRNGState(torch.ByteTensor(10):zero()) end,
      'expected 5048', 'short state')
   assertRaises(function() torch.setRNGState(torch.ByteTensor(5048):zero()) end,
      'invalid RNG state', 'unseeded state')
   assertRaises(function() torch.setRNGState(torch.DoubleTensor(5048)) end,
      'torch.ByteTensor', 'state of the wrong type')
end

function tests.boxMullerCacheIsSharedBetweenCalls()
   torch.manualSeed(11)
   local four = torch.randn(4)
   torch.manualSeed(11)
   local three = torch.randn(3)
   tester:eq(torch.normal(), four[4])
   tester:eq(three[3], four[3])
   torch.manualSeed(11)
   tester:eq(torch.normal(), four[1])
   tester:eq(torch.randn(1)[1], four[2])
end

function tests.nonContiguousTensorsFillInLogicalOrder()
   torch.manualSeed(5)
   local expected = torch.rand(4, 3, 2)
   torch.manualSeed(5)
   local base = torch.zeros(2, 3, 4)
   local view = base:transpose(1, 3)
   tester:assert(view:uniform() == view, 'fills return the tensor')
   local ok = true
   for i = 1, 4 do
      for j = 1, 3 do
         for k = 1, 2 do
            ok = ok and view[i][j][k] == expected[i][j][k]
         end
      end
   end
   tester:assert(ok, 'the transposed view holds the row-major stream')
end

function tests.integerFillsStayInTheirRanges()
   torch.manualSeed(1)
   local ranges = { Byte = 255, Char = 127, Short = 32767, Int = 2 ^ 31 - 1, Long = 2 ^ 32 - 1 }
   for name, top in pairs(ranges) do
      local t = torch[name .. 'Tensor'](200):random()
      tester:assert(t:min() >= 0 and t:max() <= top, name .. 'Tensor:random() range')
   end
   local d = torch.IntTensor(300):random(-4, 4)
   tester:assert(d:min() >= -4 and d:max() <= 4, 'random(a, b) range')
   local e = torch.ShortTensor(300):random(6)
   tester:assert(e:min() >= 1 and e:max() <= 6, 'random(b) range')
   local f = torch.ByteTensor(50):geometric(0.5)
   tester:assert(f:min() >= 1, 'geometric draws are at least 1')
end

function tests.floatingRandomRangeWithNegativeLowerBoundWrapsAsTorch7()
   -- Torch7 computes the draw as a C unsigned long before storing it in a double
   torch.manualSeed(0)
   local t = torch.DoubleTensor(6):random(-3, 3)
   torch.manualSeed(0)
   local l = torch.LongTensor(6):random(-3, 3)
   for i = 1, 6 do
      local want = l[i] < 0 and l[i] + 2 ^ 64 or l[i]
      tester:eq(t[i], want)
   end
end

function tests.bernoulliWithProbabilityTensor()
   torch.manualSeed(3)
   local p = torch.DoubleTensor({ 0, 1, 0, 1, 1, 0 })
   local t = torch.ByteTensor(2, 3):bernoulli(p)
   tester:assert(sameValues(t:double(), p), 'probabilities 0 and 1 give 0 and 1')
   local f = torch.FloatTensor(6):bernoulli(p:float())
   tester:assert(sameValues(f:double(), p), 'FloatTensor probabilities work too')
   assertRaises(function() torch.Tensor(5):bernoulli(p) end, 'inconsistent', 'size mismatch')
   assertRaises(function() torch.Tensor(3):bernoulli(torch.Tensor({ 0.5, 1.5, 0 })) end,
      'not in [0, 1]', 'probability outside [0, 1]')
end

function tests.randpermIsAPermutation()
   torch.manualSeed(8)
   local p = torch.randperm(50)
   tester:eq(torch.typename(p), torch.getdefaulttensortype())
   local seen = {}
   for i = 1, 50 do seen[p[i]] = true end
   local all = true
   for i = 1, 50 do all = all and seen[i] == true end
   tester:assert(all, 'randperm(50) holds 1..50')
   local l = torch.LongTensor()
   tester:assert(torch.randperm(l, 5) == l, 'randperm fills a given result')
   tester:eq(l:nElement(), 5)
   tester:eq(torch.randperm(1)[1], 1)
end

function tests.randAndRandnForms()
   local g = torch.Generator()
   torch.manualSeed(g, 4)
   local a = torch.rand(g, torch.LongStorage({ 2, 3 }))
   tester:eq(a:dim(), 2)
   tester:eq(a:size(2), 3)
   torch.manualSeed(g, 4)
   local res = torch.FloatTensor()
   tester:assert(torch.rand(res, g, 2, 3) == res, 'torch.rand fills a given result')
   tester:assert(sameValues(res, a:float()), 'float rand is the rounded double stream')
   tester:assert(res:randn(4) == res, 'res:randn resizes and fills res')
   tester:eq(res:nElement(), 4)
   local u = torch.rand(1000)
   tester:assert(u:min() >= 0 and u:max() < 1, 'rand is in [0, 1)')
end

function tests.multinomialResults()
   torch.manualSeed(2)
   local probs = torch.Tensor({ 0.2, 0, 0.5, 0.3 })
   local s = torch.multinomial(probs, 200, true)
   tester:eq(torch.typename(s), 'torch.LongTensor')
   tester:eq(s:dim(), 1)
   local ok = true
   for i = 1, 200 do ok = ok and s[i] ~= 2 and s[i] >= 1 and s[i] <= 4 end
   tester:assert(ok, 'zero-probability categories are never drawn')
   local w = torch.multinomial(torch.Tensor({ 1, 1, 1, 1, 1 }), 5)
   local seen = {}
   for i = 1, 5 do seen[w[i]] = true end
   tester:eq(#seen, 5)
   local m = torch.multinomial(torch.Tensor({ { 1, 0 }, { 0, 1 } }), 3, true)
   tester:eq(m:size(1), 2)
   tester:eq(m:size(2), 3)
   tester:eq(m[1][3], 1)
   tester:eq(m[2][1], 2)
   local res = torch.LongTensor()
   tester:assert(torch.multinomial(res, torch.Generator(), probs, 2) == res,
      'multinomial fills a given LongTensor')
end

function tests.badArgumentsRaiseClearErrors()
   assertRaises(function() torch.bernoulli(1.5) end, 'torch.bernoulli', 'bernoulli(1.5)')
   assertRaises(function() torch.bernoulli(-0.1) end, 'in [0, 1]', 'bernoulli(-0.1)')
   assertRaises(function() torch.Tensor(3):bernoulli(2) end, 'torch.DoubleTensor.bernoulli',
      't:bernoulli(2)')
   assertRaises(function() torch.geometric(1) end, 'in (0, 1)', 'geometric(1)')
   assertRaises(function() torch.Tensor(2):geometric(0) end, 'in (0, 1)', 't:geometric(0)')
   assertRaises(function() torch.normal(0, 0) end, 'strictly positive', 'normal with stdv 0')
   assertRaises(function() torch.Tensor(2):normal(0, -1) end, 'strictly positive',
      't:normal with stdv -1')
   assertRaises(function() torch.logNormal(1, 0) end, 'strictly positive', 'logNormal stdv 0')
   assertRaises(function() torch.exponential() end, 'lambda', 'exponential without lambda')
   assertRaises(function() torch.random(0) end, 'strictly positive', 'random(0)')
   assertRaises(function() torch.random(5, 1) end, 'lower bound', 'random(5, 1)')
   assertRaises(function() torch.IntTensor(2):random(3, 2) end, 'lower bound', 't:random(3, 2)')
   assertRaises(function() torch.uniform('a') end, 'must be a number', "uniform('a')")
   assertRaises(function() torch.LongTensor(2):uniform() end, 'Float and Double',
      'LongTensor:uniform()')
   assertRaises(function() torch.randperm(0) end, 'strictly positive', 'randperm(0)')
   assertRaises(function() torch.manualSeed('x') end, 'torch.manualSeed', "manualSeed('x')")
   assertRaises(function() torch.seed(3) end, 'torch.Generator', 'seed(3)')
   local p = torch.Tensor({ 0.5, -0.1, 0.6 })
   assertRaises(function() torch.multinomial(p, 1) end, 'negative', 'negative probability')
   assertRaises(function() torch.multinomial(torch.zeros(3), 1) end, 'sum to 0',
      'zero probabilities')
   assertRaises(function() torch.multinomial(torch.Tensor({ 0.5, 0.5 }), 3) end,
      'without replacement', 'too many samples without replacement')
   assertRaises(function() torch.multinomial(torch.Tensor({ 0.5, 0.5 }), 0, true) end,
      'must be positive', 'zero samples')
   assertRaises(function() torch.multinomial(torch.LongTensor({ 1, 2 }), 1) end,
      'FloatTensor or torch.DoubleTensor', 'integer probabilities')
   tester:assert(not raises(function() torch.multinomial(torch.Tensor({ 0.5, 0.5 }), 3, true) end,
      ''), 'with replacement any number of samples is fine')
end

function tests.generatorWritesAndReadsItsState()
   local bytes
   local file = {
      writeByte = function(_, st)
         bytes = torch.ByteTensor(st:size()):copy(torch.ByteTensor(st))
      end,
      readByte = function(_, n)
         tester:eq(n, 5048)
         return bytes:storage()
      end,
   }
   local g = torch.Generator()
   torch.manualSeed(g, 77)
   torch.randn(g, 3)
   g:write(file)
   local h = torch.factory('torch.Generator')()
   h:read(file)
   tester:assert(sameValues(torch.randn(g, 4), torch.randn(h, 4)), 'the read generator continues')
end

tester:add(tests)
return tester
