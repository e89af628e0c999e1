-- Elementwise functions of one tensor: abs, sign, sqrt, rsqrt, exp, log, log1p, the
-- trigonometric and hyperbolic functions, sigmoid, floor, ceil, round, trunc, frac, neg, cinv.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'pointwise_helpers.lua')
local tester = torch.Tester()
local tests = {}
local rep, both, raises = H.rep, H.both, H.raises

local XS = { 0.25, 0.5, 0.75 }
local FUNCS = {
   sqrt = math.sqrt, exp = math.exp, log = math.log, cos = math.cos, acos = math.acos,
   cosh = math.cosh, sin = math.sin, asin = math.asin, sinh = math.sinh, tan = math.tan,
   atan = math.atan, tanh = math.tanh,
   rsqrt = function(x) return 1 / math.sqrt(x) end,
   sigmoid = function(x) return 1 / (1 + math.exp(-x)) end,
   log1p = function(x) return math.log(1 + x) end,
   cinv = function(x) return 1 / x end,
   neg = function(x) return -x end,
}

local function expected(f)
   local out = {}
   for i, x in ipairs(XS) do out[i] = f(x) end
   return out
end

function tests.floatFunctionsAllForms()
   for name, f in pairs(FUNCS) do
      local want = expected(f)
      both(tester, function(n) return rep('Double', XS, n)[name](rep('Double', XS, n)) end,
         want, 1e-15)
      both(tester, function(n) local x = rep('Double', XS, n); x[name](x); return x end,
         want, 1e-15)
      both(tester, function(n) return torch[name](rep('Double', XS, n)) end, want, 1e-15)
      both(tester, function(n)
         local r = torch.FloatTensor()
         local got = torch[name](r, rep('Float', XS, n))
         tester:assert(got == r, 'torch.' .. name .. '(res, x) returns res')
         return r
      end, want, 1e-6, nil)
   end
end

function tests.numberForms()
   tester:eq(torch.sqrt(4), 2)
   tester:eq(torch.exp(0), 1)
   tester:eq(torch.abs(-3), 3)
   tester:eq(torch.floor(-2.5), -3)
   tester:eq(torch.round(2.5), 3)
   tester:eq(torch.round(-2.5), -3)
   tester:eq(torch.trunc(-2.7), -2)
end

function tests.roundingFamily()
   local xs = { -2.5, -0.5, 0.5, 1.5, 2.49, -1.7 }
   both(tester, function(n) return torch.round(rep('Double', xs, n)) end,
      { -3, -1, 1, 2, 2, -2 })
   both(tester, function(n) return torch.round(rep('Float', xs, n)) end,
      { -3, -1, 1, 2, 2, -2 })
   both(tester, function(n) return torch.floor(rep('Double', xs, n)) end,
      { -3, -1, 0, 1, 2, -2 })
   both(tester, function(n) return torch.ceil(rep('Float', xs, n)) end,
      { -2, 0, 1, 2, 3, -1 })
   both(tester, function(n) return torch.trunc(rep('Double', xs, n)) end,
      { -2, 0, 0, 1, 2, -1 })
   both(tester, function(n) return torch.frac(rep('Double', { -2.5, 1.25 }, n)) end,
      { -0.5, 0.25 })
   both(tester, function(n) return torch.round(rep('Double', { 0.49999999999999994 }, n)) end,
      { 0 })
end

function tests.absAndSign()
   both(tester, function(n) return torch.abs(rep('Double', { -2, 3 }, n)) end, { 2, 3 })
   both(tester, function(n) return rep('Int', { -2, 3 }, n):abs() end, { 2, 3 },
      nil, 'torch.IntTensor')
   both(tester, function(n) return torch.abs(rep('Long', { -2, 3 }, n)) end, { 2, 3 })
   both(tester, function(n) return torch.sign(rep('Double', { -2, 0, 3, 0 / 0 }, n)) end,
      { -1, 0, 1, 0 })
   both(tester, function(n) return torch.sign(rep('Char', { -2, 0, 3 }, n)) end, { -1, 0, 1 })
   both(tester, function(n) return torch.sign(rep('Long', { -2, 0, 3 }, n)) end, { -1, 0, 1 })
   both(tester, function(n) return rep('Byte', { 0, 7 }, n):sign() end, { 0, 1 })
end

function tests.nonContiguous()
   local m = torch.Tensor({ { 1, 4 }, { 9, 16 } })
   local r = torch.sqrt(m:t())
   tester:assert(H.matches(r, { 1, 3, 2, 4 }), 'sqrt of a transpose')
   local big = torch.Tensor(50, 60):fill(4)
   big:select(2, 2):sqrt()
   tester:eq(big[3][2], 2)
   tester:eq(big[3][3], 4)
end

function tests.floatOnlyFunctionsRejectIntegers()
   raises(tester, function() torch.IntTensor({ 1 }):exp() end, 'torch.IntTensor.exp')
   raises(tester, function() torch.log(torch.LongTensor({ 1 })) end, 'log')
   raises(tester, function() torch.ByteTensor({ 1 }):abs() end, 'abs')
   raises(tester, function() torch.Tensor({ 1 }):exp(torch.FloatTensor({ 1 })) end,
      'invalid arguments')
end

tester:add(tests)
return tester
