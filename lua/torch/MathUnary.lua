-- Elementwise functions of one tensor with Torch7's forms: t:f() in place, res:f(src),
-- torch.f([res,] src), and torch.f(x) on a number where upstream has it.
local torch = ...
local K = torch._bridge.K
local PW = torch._pointwise
local numel = PW.count
local np = torch._np
local loops, CLASS, prepare, ptr, loopable = PW.loops, PW.CLASS, PW.prepare, PW.ptr, PW.loopable

local function cround(x)
   local t = x >= 0 and math.floor(x) or math.ceil(x)
   if math.abs(x - t) >= 0.5 then t = t + (x > 0 and 1 or -1) end
   return t
end
local function ctrunc(x) return x >= 0 and math.floor(x) or math.ceil(x) end

local SIGNED_ABS = { Int = true, Long = true, Float = true, Double = true }

-- name -> { loop expression, loop classes, kinds, number function }
-- Float tensors loop only where double-then-round equals the float32 result exactly.
local FUNCS = {
   abs = { 'abs(a)', 'dfi', SIGNED_ABS, math.abs },
   sign = { '(a > 0 and 1) or (a < 0 and -1) or 0', 'dfi' },
   neg = { '-a', 'df', 'float' },
   cinv = { '1 / a', 'df', 'float' },
   sqrt = { 'sqrt(a)', 'df', 'float', math.sqrt },
   rsqrt = { '1 / sqrt(a)', 'd', 'float', function(x) return 1 / math.sqrt(x) end },
   exp = { 'exp(a)', 'd', 'float', math.exp },
   log = { 'math.log(a)', 'd', 'float', math.log },
   log1p = { nil, '', 'float', nil },
   cos = { 'math.cos(a)', 'd', 'float', math.cos },
   acos = { 'math.acos(a)', 'd', 'float', math.acos },
   cosh = { 'math.cosh(a)', 'd', 'float', math.cosh },
   sin = { 'math.sin(a)', 'd', 'float', math.sin },
   asin = { 'math.asin(a)', 'd', 'float', math.asin },
   sinh = { 'math.sinh(a)', 'd', 'float', math.sinh },
   tan = { 'math.tan(a)', 'd', 'float', math.tan },
   atan = { 'math.atan(a)', 'd', 'float', math.atan },
   tanh = { 'math.tanh(a)', 'd', 'float', math.tanh },
   sigmoid = { '1 / (1 + exp(-a))', 'd', 'float', function(x) return 1 / (1 + math.exp(-x)) end },
   floor = { 'floor(a)', 'df', 'float', math.floor },
   ceil = { 'ceil(a)', 'df', 'float', math.ceil },
   trunc = { '(a >= 0 and floor(a) or ceil(a))', 'df', 'float', ctrunc },
   round = { 'ROUND', 'df', 'float', cround },
   frac = { 'a - (a >= 0 and floor(a) or ceil(a))', 'df', 'float',
      function(x) return x - ctrunc(x) end },
}

local function roundLoop(d, s, _, n)
   for i = 0, n - 1 do d[i] = cround(s[i]) end
end

for name, f in pairs(FUNCS) do
   local expr, classes, kinds, numFn = f[1], f[2], f[3], f[4]
   local lp
   if expr == 'ROUND' then
      lp = { d = roundLoop, f = roundLoop }
   elseif expr ~= nil then
      lp = loops(expr, classes)
   else
      lp = {}
   end
   local function impl(T, res, src)
      PW.checkKind(name, T, kinds)
      prepare(res, src)
      local n = numel(res)
      if n == 0 then return res end
      local loop = lp[CLASS[T.name]]
      if loop and loopable(n, res, src) then
         loop(ptr(res), ptr(src), nil, n)
      else
         K.tensor_unary(name, np(res), np(src))
      end
      return res
   end
   if numFn and name ~= 'abs' then
      -- torch.f(x) on a number computes in the default tensor type's precision.
      local inner = numFn
      numFn = function(x)
         local T = torch._typeByName[torch.getdefaulttensortype()]
         return PW.toReal(T, inner(PW.toReal(T, x)))
      end
   end
   PW.defUnary(name, impl, numFn)
end
