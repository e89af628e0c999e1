-- Arithmetic with Torch7's argument forms: add, csub, mul, div, cmul, cdiv, pow, cpow,
-- fmod, remainder, cfmod, cremainder, clamp, cmax, cmin, addcmul, addcdiv, lerp, atan2.
local torch = ...
local K = torch._bridge.K
local M = torch._tensorMethods
local PW = torch._pointwise
local numel = PW.count
local rawTensor, np = torch._rawTensor, torch._np
local tinfo, toReal, prepare, ptr = PW.tinfo, PW.toReal, PW.prepare, PW.ptr
local loopable, loops, CLASS, badArgs = PW.loopable, PW.loops, PW.CLASS, PW.badArgs
local scalarOp, binaryOp = PW.scalarOp, PW.binaryOp

-- tensor (op) number
local addValue = scalarOp('add', { op = 'add', loops = loops('a + v', 'dfi') })
PW.addValue = addValue
PW.mulValue = scalarOp('mul', { op = 'mul', loops = loops('a * v', 'dfi') })
PW.divValue = scalarOp('div', { op = 'div', loops = loops('a / v', 'dfi'), nonzero = true })
PW.defScalar('mul', PW.mulValue)
PW.defScalar('div', PW.divValue)
PW.defScalar('fmod', scalarOp('fmod', { op = 'fmod', loops = loops('fmod(a, v)', 'dfi'),
   nonzero = true }))
PW.defScalar('remainder', scalarOp('remainder', { op = 'remainder',
   loops = loops('irem(a, v)', 'i', loops('frem(a, v)', 'd')), nonzero = true }))
M.mod, torch.mod = M.fmod, torch.fmod

-- tensor (op) tensor
PW.defBinary('cmul', binaryOp('cmul', { op = 'mul', loops = loops('a * b', 'dfi') }))
PW.defBinary('cdiv', binaryOp('cdiv', { op = 'div', loops = loops('a / b', 'dfi'),
   nonzero = true }))
PW.defBinary('cpow', binaryOp('cpow', { op = 'pow', loops = loops('a ^ b', 'dfi') }))
PW.defBinary('cfmod', binaryOp('cfmod', { op = 'fmod', loops = loops('fmod(a, b)', 'dfi'),
   nonzero = true }))
PW.defBinary('cremainder', binaryOp('cremainder', { op = 'remainder', nonzero = true,
   loops = loops('irem(a, b)', 'i', loops('frem(a, b)', 'd')) }))
M.cmod, torch.cmod = M.cfmod, torch.cfmod
PW.defBinary('atan2', binaryOp('atan2', { op = 'atan2', kinds = 'float',
   loops = loops('atan2(a, b)', 'd') }), nil, math.atan2)
for _, name in ipairs({ 'cmax', 'cmin' }) do
   local cmp = name == 'cmax' and '>' or '<'
   PW.defBinary(name,
      binaryOp(name, { op = name, loops = loops(('a %s b and a or b'):format(cmp), 'dfi') }),
      scalarOp(name, { op = name, loops = loops(('a %s v and a or v'):format(cmp), 'dfi') }))
end

-- res = t + value * src, the loop for floats only when value is 1 (one rounding).
local caddLoops = loops('a + v * b', 'di')
local caddLoop1 = loops('a + b', 'f')
local function cadd(T, fname, res, t, value, src)
   value = toReal(T, value)
   PW.checkNumel(fname, T, t, src)
   prepare(res, t)
   local n = numel(res)
   if n == 0 then return res end
   local c = CLASS[T.name]
   local loop = caddLoops[c] or (value == 1 and caddLoop1[c])
   if loop and loopable(n, res, t, src) then
      loop(ptr(res), ptr(t), ptr(src), n, value)
   else
      K.tensor_cadd(np(res), np(t), value, np(src))
   end
   return res
end
PW.cadd = cadd

local ADD_FORMS = '[result,] tensor, number | [result,] tensor1, [number,] tensor2'
local function defAdd(name, sign)
   local function value(T, res, src, v)
      if sign < 0 then v = -toReal(T, v) end
      return addValue(T, res, src, v)
   end
   M[name] = function(self, a, b, c)
      local T = tinfo(self)
      local ta, tb = tinfo(a), tinfo(b)
      if c == nil then
         if b == nil then
            if type(a) == 'number' then return value(T, self, self, a) end
            if ta == T then return cadd(T, name, self, self, sign, a) end
         elseif ta == T and type(b) == 'number' then return value(T, self, a, b)
         elseif type(a) == 'number' and tb == T then
            return cadd(T, name, self, self, sign * a, b)
         elseif ta == T and tb == T then return cadd(T, name, self, a, sign, b)
         end
      elseif ta == T and type(b) == 'number' and tinfo(c) == T then
         return cadd(T, name, self, a, sign * b, c)
      end
      badArgs(name, T, ADD_FORMS, self, a, b, c)
   end
   torch[name] = function(a, b, c, d)
      local T = tinfo(a)
      if T ~= nil then
         local tb, tc = tinfo(b), tinfo(c)
         if d == nil then
            if c == nil then
               if type(b) == 'number' then return value(T, rawTensor(T, nil), a, b) end
               if tb == T then return cadd(T, name, rawTensor(T, nil), a, sign, b) end
            elseif tb == T and type(c) == 'number' then return value(T, a, b, c)
            elseif type(b) == 'number' and tc == T then
               return cadd(T, name, rawTensor(T, nil), a, sign * b, c)
            elseif tb == T and tc == T then return cadd(T, name, a, b, sign, c)
            end
         elseif tb == T and type(c) == 'number' and tinfo(d) == T then
            return cadd(T, name, a, b, sign * c, d)
         end
      end
      badArgs(name, T, ADD_FORMS, a, b, c, d)
   end
end
defAdd('add', 1)
defAdd('csub', -1)

-- clamp: [res,] tensor, min, max
local clampLoops = loops('a < v and v or (a > w and w or a)', 'dfi')
local function clamp(T, res, src, lo, hi)
   lo, hi = toReal(T, lo), toReal(T, hi)
   prepare(res, src)
   local n = numel(res)
   if n == 0 then return res end
   local loop = clampLoops[CLASS[T.name]]
   if loop and loopable(n, res, src) then
      loop(ptr(res), ptr(src), nil, n, lo, hi)
   else
      K.tensor_clamp(np(res), np(src), lo, hi)
   end
   return res
end
local CLAMP_FORMS = '[result,] tensor, min, max'
function M.clamp(self, a, b, c)
   local T = tinfo(self)
   if type(a) == 'number' and type(b) == 'number' and c == nil then
      return clamp(T, self, self, a, b)
   end
   if tinfo(a) == T and type(b) == 'number' and type(c) == 'number' then
      return clamp(T, self, a, b, c)
   end
   badArgs('clamp', T, CLAMP_FORMS, self, a, b, c)
end
function torch.clamp(a, b, c, d)
   local T = tinfo(a)
   if T ~= nil and type(b) == 'number' and type(c) == 'number' and d == nil then
      return clamp(T, rawTensor(T, nil), a, b, c)
   end
   if T ~= nil and tinfo(b) == T and type(c) == 'number' and type(d) == 'number' then
      return clamp(T, a, b, c, d)
   end
   badArgs('clamp', T, CLAMP_FORMS, a, b, c, d)
end

-- addcmul / addcdiv: [res,] tensor, [value,] tensor1, tensor2
local addcLoops = {
   addcmul = loops('d[i] + v * a * b', 'di'),
   addcdiv = loops('d[i] + v * a / b', 'd'),
}
local function defAddc(name, op)
   local forms = '[result,] tensor, [value,] tensor1, tensor2'
   local function addc(T, res, t, value, a, b)
      value = toReal(T, value)
      PW.checkNumel(name, T, t, a)
      PW.checkNumel(name, T, t, b)
      if not rawequal(res, t) then
         prepare(res, t)
         res:copy(t)
      end
      local n = numel(res)
      if n == 0 then return res end
      local loop = addcLoops[name][CLASS[T.name]]
      if loop and loopable(n, res, a, b) then
         loop(ptr(res), ptr(a), ptr(b), n, value)
      else
         K.tensor_addc(op, np(res), np(res), value, np(a), np(b))
      end
      return res
   end
   M[name] = function(self, a, b, c, d)
      local T = tinfo(self)
      local ta = tinfo(a)
      if d == nil then
         if c == nil and ta == T and tinfo(b) == T then return addc(T, self, self, 1, a, b) end
         if type(a) == 'number' and tinfo(b) == T and tinfo(c) == T then
            return addc(T, self, self, a, b, c)
         end
         if ta == T and tinfo(b) == T and tinfo(c) == T then return addc(T, self, a, 1, b, c) end
      elseif ta == T and type(b) == 'number' and tinfo(c) == T and tinfo(d) == T then
         return addc(T, self, a, b, c, d)
      end
      badArgs(name, T, forms, self, a, b, c, d)
   end
   torch[name] = function(r, a, b, c, d)
      local T = tinfo(r)
      if T ~= nil then
         local ta, tb, tc = tinfo(a), tinfo(b), tinfo(c)
         if d == nil then
            if c == nil and ta == T and tb == T then
               return addc(T, rawTensor(T, nil), r, 1, a, b)
            end
            if type(a) == 'number' and tb == T and tc == T then
               return addc(T, rawTensor(T, nil), r, a, b, c)
            end
            if ta == T and tb == T and tc == T then return addc(T, r, a, 1, b, c) end
         elseif ta == T and type(b) == 'number' and tc == T and tinfo(d) == T then
            return addc(T, r, a, b, c, d)
         end
      end
      badArgs(name, T, forms, r, a, b, c, d)
   end
end
defAddc('addcmul', 'mul')
defAddc('addcdiv', 'div')

-- lerp: [res,] a, b, weight (float types); torch.lerp(a, b, w) on numbers
local lerpLoops = loops('a + v * (b - a)', 'd')
local function lerp(T, res, a, b, w)
   PW.checkKind('lerp', T, 'float')
   w = toReal(T, w)
   PW.checkNumel('lerp', T, a, b)
   prepare(res, a)
   local n = numel(res)
   if n == 0 then return res end
   local loop = lerpLoops[CLASS[T.name]]
   if loop and loopable(n, res, a, b) then
      loop(ptr(res), ptr(a), ptr(b), n, w)
   else
      K.tensor_lerp(np(res), np(a), np(b), w)
   end
   return res
end
local LERP_FORMS = '[result,] tensor1, tensor2, weight'
function M.lerp(self, a, b, c)
   local T = tinfo(self)
   if tinfo(a) == T and type(b) == 'number' and c == nil then return lerp(T, self, self, a, b) end
   if tinfo(a) == T and tinfo(b) == T and type(c) == 'number' then return lerp(T, self, a, b, c) end
   badArgs('lerp', T, LERP_FORMS, self, a, b, c)
end
function torch.lerp(r, a, b, c)
   if type(r) == 'number' and type(a) == 'number' and type(b) == 'number' then
      return r + b * (a - r)
   end
   local T = tinfo(r)
   if T ~= nil and tinfo(a) == T then
      if type(b) == 'number' and c == nil then return lerp(T, rawTensor(T, nil), r, a, b) end
      if tinfo(b) == T and type(c) == 'number' then return lerp(T, r, a, b, c) end
   end
   badArgs('lerp', T, LERP_FORMS, r, a, b, c)
end

-- pow: tensor ^ number, number ^ tensor (float types), and numbers
local function ppowLoop(d, s, _, n, v)
   for i = 0, n - 1 do
      local a = s[i]
      if v == 2 then d[i] = a * a
      elseif v == 1 then d[i] = a
      elseif v == 3 then d[i] = a * a * a
      elseif v == 0.5 then d[i] = math.sqrt(a)
      elseif v == -0.5 then d[i] = 1 / math.sqrt(a)
      elseif v == -1 then d[i] = 1 / a
      elseif v == -2 then d[i] = 1 / (a * a)
      else d[i] = a ^ v end
   end
end
local powValue = scalarOp('pow', { op = 'pow', kinds = 'float', loops = { d = ppowLoop } })
local tpow = scalarOp('pow', { op = 'tpow', kinds = 'float', loops = loops('v ^ a', 'df') })
local POW_FORMS = '[result,] tensor, number | [result,] number, tensor'
function M.pow(self, a, b)
   local T = tinfo(self)
   if type(a) == 'number' and b == nil then return powValue(T, self, self, a) end
   if tinfo(a) == T and type(b) == 'number' then return powValue(T, self, a, b) end
   if type(a) == 'number' and tinfo(b) == T then return tpow(T, self, b, a) end
   badArgs('pow', T, POW_FORMS, self, a, b)
end
function torch.pow(a, b, c)
   if type(a) == 'number' and type(b) == 'number' and c == nil then return a ^ b end
   local T = tinfo(a)
   if T ~= nil then
      if type(b) == 'number' and c == nil then return powValue(T, rawTensor(T, nil), a, b) end
      if tinfo(b) == T and type(c) == 'number' then return powValue(T, a, b, c) end
      if type(b) == 'number' and tinfo(c) == T then return tpow(T, a, c, b) end
   elseif type(a) == 'number' then
      T = tinfo(b)
      if T ~= nil and c == nil then return tpow(T, rawTensor(T, nil), b, a) end
   end
   badArgs('pow', T, POW_FORMS, a, b, c)
end
