-- Pointwise arithmetic: add, csub, mul, div, cmul, cdiv, pow, cpow, fmod, remainder,
-- cfmod, cremainder, clamp, cmax, cmin, addcmul, addcdiv, lerp, atan2.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'pointwise_helpers.lua')
local tester = torch.Tester()
local tests = {}
local rep, both, raises = H.rep, H.both, H.raises

function tests.addValueAndTensorForms()
   both(tester, function(n) return rep('Double', { 1, 2, 3 }, n):add(10) end, { 11, 12, 13 })
   both(tester, function(n) return torch.add(rep('Double', { 1, 2, 3 }, n), 1) end, { 2, 3, 4 })
   both(tester, function(n)
      local a, b = rep('Double', { 1, 2 }, n), rep('Double', { 10, 20 }, n)
      return a:add(b)
   end, { 11, 22 })
   both(tester, function(n)
      local a, b = rep('Double', { 1, 2 }, n), rep('Double', { 10, 20 }, n)
      return a:add(2, b)
   end, { 21, 42 })
   both(tester, function(n)
      local a, b = rep('Float', { 1, 2 }, n), rep('Float', { 10, 20 }, n)
      local r = torch.FloatTensor()
      r:add(a, 3, b)
      return r
   end, { 31, 62 }, nil, 'torch.FloatTensor')
   both(tester, function(n)
      local a, b = rep('Double', { 1, 2 }, n), rep('Double', { 10, 20 }, n)
      return torch.add(a, -1, b)
   end, { -9, -18 })
   both(tester, function(n)
      local a, b = rep('Double', { 1, 2 }, n), rep('Double', { 10, 20 }, n)
      local r = torch.Tensor(5)
      local got = torch.add(r, a, b)
      tester:assert(got == r, 'torch.add(res, a, b) returns res')
      return r
   end, { 11, 22 })
   local r = torch.Tensor()
   torch.add(r, torch.Tensor({ 1, 2 }), 2, torch.Tensor({ 3, 4 }))
   tester:assert(H.matches(r, { 7, 10 }), 'torch.add(res, a, value, b)')
   r = torch.Tensor()
   r:add(torch.Tensor({ 1, 2 }), 5)
   tester:assert(H.matches(r, { 6, 7 }), 'res:add(a, value)')
   r = torch.Tensor()
   torch.add(r, torch.Tensor({ 1, 2 }), 5)
   tester:assert(H.matches(r, { 6, 7 }), 'torch.add(res, a, value)')
end

function tests.addKeepsSourceAndReturnsSelf()
   local a, b = torch.Tensor({ 1, 2 }), torch.Tensor({ 3, 4 })
   local c = torch.add(a, b)
   tester:assert(H.matches(a, { 1, 2 }), 'torch.add leaves its operands alone')
   tester:assert(c ~= a, 'torch.add makes a new tensor')
   tester:assert(a:add(b) == a, 'a:add(b) returns a')
end

function tests.elementwiseOnDifferentShapesSameCount()
   local x = torch.Tensor(2, 3):fill(2)
   local y = torch.Tensor({ 1, 2, 3, 4, 5, 6 })
   x:add(y)
   tester:eq(x:dim(), 2)
   tester:assert(H.matches(x, { 3, 4, 5, 6, 7, 8 }), 'row-major pairing')
   local big = torch.Tensor(100, 30):fill(1)
   local flat = H.rep('Double', { 1, 2, 3 }, 1000)
   big:cmul(flat)
   tester:assert(H.matches(big, { 1, 2, 3 }), 'row-major pairing through the kernel')
end

function tests.nonContiguousOperandsAndResults()
   local m = torch.Tensor({ { 1, 2 }, { 3, 4 } })
   local r = torch.add(m:t(), 10)
   tester:assert(H.matches(r, { 11, 13, 12, 14 }), 'transposed source')
   local big = torch.Tensor(60, 50):fill(1)
   local col = big:select(2, 3)
   col:add(5)
   tester:eq(big[1][3], 6)
   tester:eq(big[1][2], 1)
   local res = torch.Tensor(4, 2):zero()
   torch.add(res:select(2, 1), torch.Tensor({ 1, 2, 3, 4 }), 1)
   tester:assert(H.matches(res, { 2, 0, 3, 0, 4, 0, 5, 0 }), 'a column view as result')
end

function tests.csub()
   both(tester, function(n) return rep('Double', { 5, 6 }, n):csub(1) end, { 4, 5 })
   both(tester, function(n)
      return rep('Double', { 5, 6 }, n):csub(rep('Double', { 1, 4 }, n))
   end, { 4, 2 })
   both(tester, function(n)
      return rep('Double', { 5, 6 }, n):csub(2, rep('Double', { 1, 4 }, n))
   end, { 3, -2 })
   local r = torch.csub(torch.Tensor({ 5 }), torch.Tensor({ 2 }))
   tester:eq(r[1], 3)
end

function tests.mulDivAndTypes()
   both(tester, function(n) return rep('Double', { 1, -2 }, n):mul(3) end, { 3, -6 })
   both(tester, function(n) return torch.mul(rep('Float', { 1, 2 }, n), 0.5) end, { 0.5, 1 },
      nil, 'torch.FloatTensor')
   both(tester, function(n) return rep('Double', { 1, 3 }, n):div(2) end, { 0.5, 1.5 })
   both(tester, function(n) return torch.div(rep('Double', { 1, 3 }, n), 0) end,
      { math.huge, math.huge })
   local r = torch.Tensor()
   r:mul(torch.Tensor({ 1, 2 }), 4)
   tester:assert(H.matches(r, { 4, 8 }), 'res:mul(a, value)')
   torch.div(r, torch.Tensor({ 4, 8 }), 4)
   tester:assert(H.matches(r, { 1, 2 }), 'torch.div(res, a, value)')
end

function tests.floatComputesInSinglePrecision()
   local f = torch.FloatTensor({ 0.1 }):add(0.2)
   local want = torch.FloatTensor({ 0 })
   want[1] = 0.1
   local s = torch.FloatTensor({ 0.2 })
   tester:eq(f[1], torch.FloatTensor({ want[1] + s[1] })[1], 'float32 sum')
end

function tests.integerSemantics()
   for _, name in ipairs({ 'Char', 'Short', 'Int', 'Long' }) do
      both(tester, function(n) return rep(name, { 7, -7, 6 }, n):div(2) end, { 3, -3, 3 })
      both(tester, function(n)
         return rep(name, { 7, -7, 6 }, n):cdiv(rep(name, { 2, 2, -4 }, n))
      end, { 3, -3, -1 })
      both(tester, function(n) return rep(name, { 7, -7 }, n):fmod(3) end, { 1, -1 })
      both(tester, function(n) return rep(name, { 7, -7 }, n):remainder(3) end, { 1, 2 })
      both(tester, function(n) return rep(name, { 7, -7 }, n):remainder(-3) end, { -2, -1 })
      both(tester, function(n) return rep(name, { 2, 3 }, n):add(2.9) end, { 4, 5 })
   end
   both(tester, function(n) return rep('Char', { 100, -100 }, n):add(100) end, { -56, 0 })
   both(tester, function(n) return rep('Byte', { 250, 3 }, n):add(10) end, { 4, 13 })
   both(tester, function(n) return rep('Byte', { 3 }, n):csub(5) end, { 254 })
   both(tester, function(n) return rep('Short', { 300 }, n):mul(300) end, { 24464 })
   both(tester, function(n) return rep('Int', { 65536 }, n):mul(65536) end, { 0 })
   both(tester, function(n) return rep('Char', { -128 }, n):div(-1) end, { -128 })
   both(tester, function(n) return rep('Byte', { 7, 200 }, n):div(2) end, { 3, 100 })
   both(tester, function(n)
      return rep('Int', { 2, 2, 3 }, n):cpow(rep('Int', { 3, -1, 2 }, n))
   end, { 8, 0, 9 })
   raises(tester, function() torch.IntTensor({ 1 }):div(0) end, 'division by zero')
   raises(tester, function() torch.IntTensor({ 1 }):cdiv(torch.IntTensor({ 0 })) end, 'zero')
end

function tests.fmodAndRemainderOnFloats()
   both(tester, function(n) return rep('Double', { -3, 3 }, n):fmod(2) end, { -1, 1 })
   both(tester, function(n) return rep('Double', { -3, 3 }, n):fmod(-2) end, { -1, 1 })
   both(tester, function(n) return torch.remainder(rep('Double', { -3, 3 }, n), 2) end, { 1, 1 })
   both(tester, function(n) return torch.remainder(rep('Double', { -3, 3 }, n), -2) end,
      { -1, -1 })
   both(tester, function(n) return rep('Float', { -3, 3.5 }, n):remainder(2) end, { 1, 1.5 })
   both(tester, function(n) return rep('Double', { 1 }, n):remainder(0) end, { 0 / 0 })
   both(tester, function(n)
      return torch.cfmod(rep('Double', { 3, 3, -3, -3 }, n), rep('Double', { 2, -2, 2, -2 }, n))
   end, { 1, 1, -1, -1 })
   both(tester, function(n)
      return torch.cremainder(rep('Double', { 3, 3, -3, -3 }, n),
         rep('Double', { 2, -2, 2, -2 }, n))
   end, { 1, -1, 1, -1 })
   tester:eq(torch.mod(torch.Tensor({ -3 }), 2)[1], -1, 'mod is fmod')
   tester:eq(torch.cmod(torch.Tensor({ -3 }), torch.Tensor({ 2 }))[1], -1, 'cmod is cfmod')
end

function tests.cmulCdivCpow()
   both(tester, function(n)
      return rep('Double', { 2, 3 }, n):cmul(rep('Double', { 4, 5 }, n))
   end, { 8, 15 })
   both(tester, function(n)
      return torch.cdiv(rep('Double', { 1, 3 }, n), rep('Double', { 2, 4 }, n))
   end, { 0.5, 0.75 })
   both(tester, function(n)
      local r = torch.Tensor()
      return r:cpow(rep('Double', { 2, 3 }, n), rep('Double', { 3, 2 }, n))
   end, { 8, 9 })
   both(tester, function(n)
      local r = torch.FloatTensor()
      torch.cmul(r, rep('Float', { 2, 3 }, n), rep('Float', { 4, 5 }, n))
      return r
   end, { 8, 15 })
end

function tests.powForms()
   both(tester, function(n) return rep('Double', { 2, 3 }, n):pow(2) end, { 4, 9 })
   both(tester, function(n) return torch.pow(rep('Double', { 4, 9 }, n), 0.5) end, { 2, 3 })
   both(tester, function(n) return torch.pow(rep('Double', { 2, 4 }, n), -1) end, { 0.5, 0.25 })
   both(tester, function(n) return torch.pow(rep('Double', { 2 }, n), 10) end, { 1024 })
   both(tester, function(n) return torch.pow(2, rep('Double', { 1, 3 }, n)) end, { 2, 8 })
   both(tester, function(n) return torch.pow(rep('Float', { 2, 3 }, n), 3) end, { 8, 27 }, nil,
      'torch.FloatTensor')
   both(tester, function(n)
      local x = rep('Double', { 1, 3 }, n)
      return torch.pow(x, 2, x)
   end, { 2, 8 })
   both(tester, function(n)
      local r = torch.Tensor()
      return r:pow(2, rep('Double', { 2 }, n))
   end, { 4 })
   tester:eq(torch.pow(2, 3), 8)
   raises(tester, function() torch.IntTensor({ 2 }):pow(2) end, 'pow')
end

function tests.clamp()
   both(tester, function(n) return rep('Double', { -1, 0.5, 2 }, n):clamp(0, 1) end, { 0, 0.5, 1 })
   both(tester, function(n) return torch.clamp(rep('Int', { -5, 3, 9 }, n), 0, 4) end, { 0, 3, 4 })
   both(tester, function(n)
      local r = torch.Tensor()
      return r:clamp(rep('Double', { 4 }, n), 5, 3)
   end, { 5 })
   local r = torch.Tensor()
   torch.clamp(r, torch.Tensor({ -2, 2 }), -1, 1)
   tester:assert(H.matches(r, { -1, 1 }), 'torch.clamp(res, x, lo, hi)')
end

function tests.cmaxCmin()
   both(tester, function(n)
      return rep('Double', { 1, 5 }, n):cmax(rep('Double', { 3, 2 }, n))
   end, { 3, 5 })
   both(tester, function(n)
      return torch.cmin(rep('Double', { 1, 5 }, n), rep('Double', { 3, 2 }, n))
   end, { 1, 2 })
   both(tester, function(n) return rep('Double', { 1, 5 }, n):cmax(2) end, { 2, 5 })
   both(tester, function(n) return torch.cmin(rep('Long', { 1, 5 }, n), 2) end, { 1, 2 })
   local r = torch.Tensor()
   torch.cmax(r, torch.Tensor({ 1, 9 }), 4)
   tester:assert(H.matches(r, { 4, 9 }), 'torch.cmax(res, a, value)')
   torch.cmin(r, torch.Tensor({ 1, 9 }), torch.Tensor({ 3, 3 }))
   tester:assert(H.matches(r, { 1, 3 }), 'torch.cmin(res, a, b)')
end

function tests.addcmulAddcdiv()
   both(tester, function(n)
      local x = rep('Double', { 2 }, n)
      return x:addcmul(2, rep('Double', { 3 }, n), rep('Double', { 5 }, n))
   end, { 32 })
   both(tester, function(n)
      local x = rep('Double', { 2 }, n)
      return x:addcmul(rep('Double', { 3 }, n), rep('Double', { 5 }, n))
   end, { 17 })
   both(tester, function(n)
      return torch.addcdiv(rep('Double', { 1, 1 }, n), 2, rep('Double', { 1, 2 }, n),
         rep('Double', { 5, 5 }, n))
   end, { 1.4, 1.8 }, 1e-12)
   both(tester, function(n)
      local z = torch.Tensor()
      torch.addcmul(z, rep('Double', { 1 }, n), rep('Double', { 2 }, n), rep('Double', { 3 }, n))
      return z
   end, { 7 })
   both(tester, function(n)
      local z = torch.Tensor()
      return z:addcdiv(rep('Double', { 1 }, n), 3, rep('Double', { 2 }, n), rep('Double', { 4 }, n))
   end, { 2.5 })
   both(tester, function(n)
      return rep('Int', { 1, 1 }, n):addcdiv(rep('Int', { 7, -7 }, n), rep('Int', { 2, 2 }, n))
   end, { 4, -2 })
   both(tester, function(n)
      return rep('Char', { 0 }, n):addcmul(rep('Char', { 16 }, n), rep('Char', { 16 }, n))
   end, { 0 })
end

function tests.lerpAndAtan2()
   both(tester, function(n)
      return rep('Double', { 0, 10 }, n):lerp(rep('Double', { 10, 20 }, n), 0.5)
   end, { 5, 15 })
   both(tester, function(n)
      return torch.lerp(rep('Float', { 0 }, n), rep('Float', { 4 }, n), 0.25)
   end, { 1 }, nil, 'torch.FloatTensor')
   tester:eq(torch.lerp(1, 3, 0.5), 2)
   both(tester, function(n)
      return torch.atan2(rep('Double', { 1, 0 }, n), rep('Double', { 1, 1 }, n))
   end, { math.pi / 4, 0 }, 1e-15)
   tester:eq(torch.atan2(1, 1), math.atan2(1, 1))
   raises(tester, function() torch.IntTensor({ 1 }):lerp(torch.IntTensor({ 2 }), 0.5) end, 'lerp')
end

function tests.errorsNameTheFunction()
   raises(tester, function() torch.Tensor({ 1, 2 }):add(torch.Tensor({ 1, 2, 3 })) end,
      'torch.DoubleTensor.add')
   raises(tester, function() torch.Tensor({ 1, 2 }):cmul(torch.Tensor(3)) end, 'cmul')
   raises(tester, function() torch.Tensor({ 1 }):add('x') end, 'torch.DoubleTensor.add')
   raises(tester, function() torch.Tensor({ 1 }):add(torch.FloatTensor({ 1 })) end,
      'invalid arguments')
   raises(tester, function() torch.mul(torch.Tensor({ 1 })) end, 'torch.DoubleTensor.mul')
   raises(tester, function() torch.clamp(torch.Tensor({ 1 }), 1) end, 'clamp')
   raises(tester, function() torch.add(1, 2) end, 'torch.add')
   raises(tester, function() torch.Tensor({ 1 }):addcmul(torch.Tensor(2), torch.Tensor(1)) end,
      'addcmul')
end

function tests.emptyTensors()
   local e = torch.Tensor()
   tester:eq(e:add(1):nElement(), 0)
   tester:eq(torch.add(e, e):nElement(), 0)
   tester:eq(torch.Tensor():exp():nElement(), 0)
end

-- The generated LuaJIT functions run straight code up to elementLoop.SHORT elements and a loop
-- above:
-- every length on both sides of that bound agrees with the kernels.
function tests.shortAndLoopedLengthsAgreeWithTheKernels()
   local PW = torch._pointwise
   local ops = {
      add = function(a) return a:clone():add(3) end,
      cadd = function(a, b) return torch.add(a, b) end,
      caddScaled = function(a, b) return torch.add(a, 2, b) end,
      mul = function(a) return torch.mul(a, 3) end,
      cmul = function(a, b) return torch.cmul(a, b) end,
      cmax = function(a, b) return torch.cmax(a, b) end,
      remainder = function(a) return torch.remainder(a, 3) end,
      addcmul = function(a, b) return a:clone():addcmul(2, a, b) end,
   }
   local floatOps = {
      div = function(a) return torch.div(a, 3) end,
      cdiv = function(a, b) return torch.cdiv(a, b) end,
      addcdiv = function(a, b) return a:clone():addcdiv(0.5, a, b) end,
   }
   local lengths = {}
   for n = 0, torch._elementLoop.SHORT + 2 do lengths[#lengths + 1] = n end
   lengths[#lengths + 1] = 100
   for _, name in ipairs({ 'Double', 'Float', 'Int' }) do
      for _, n in ipairs(lengths) do
         local a = torch[name .. 'Tensor'](n)
         local b = torch[name .. 'Tensor'](n)
         for i = 1, n do
            a[i] = (i * 7) % 11 - 5
            b[i] = (i * 5) % 9 + 1
         end
         local all = {}
         for k, f in pairs(ops) do all[k] = f end
         if name ~= 'Int' then
            for k, f in pairs(floatOps) do all[k] = f end
         end
         for op, f in pairs(all) do
            local small = f(a, b)
            local saved = PW.SMALL
            PW.SMALL = 0
            local kernel = f(a, b)
            PW.SMALL = saved
            local d = 0  -- element by element: tensor arithmetic would use the code under test
            for i = 1, n do d = math.max(d, math.abs(small[i] - kernel[i])) end
            tester:assert(d <= (name == 'Float' and 1e-6 or 0),
               string.format('%s %s of %d elements: differs by %g', name, op, n, d))
         end
      end
   end
end

tester:add(tests)
return tester
