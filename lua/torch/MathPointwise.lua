-- Pointwise tensor math with Torch7's argument forms. This file holds what the pointwise
-- files share (argument checks and forms, C casts of numbers, result preparation, LuaJIT
-- loops for small contiguous tensors; everything else makes one kernel call) and loads
-- them: MathArith, MathUnary, MathCompare, MathBitwise, TensorApply, TensorOperator.
local torch = ...
local ffi = require 'ffi'
local K = torch._bridge.K
local M = torch._tensorMethods
local numel, rawTensor, np = torch._numel, torch._rawTensor, torch._np
local ctypeInfo, typeof = torch._ctypeInfo, ffi.typeof
local elementLoop = torch._elementLoop.compile

local PW = {}
torch._pointwise = PW
-- Up to this many elements, contiguous operands loop in LuaJIT. Measured: a compiled loop
-- beats a kernel crossing (about 6 us) up to some 16,000 doubles, and a loop the JIT has
-- given up on (tiny sizes can get a loop blacklisted) still matches the kernel at 4,096.
PW.SMALL = 4096

-- Which LuaJIT loop class a type uses: doubles, floats (rounded on store) and the small
-- integer types whose products stay exact in a double (stores wrap like C casts).
local CLASS = { Double = 'd', Float = 'f', Byte = 'i', Char = 'i', Short = 'i' }
PW.CLASS = CLASS

--[[ The type info of tensor `x`, nil for anything else (storages, and HalfTensors, which
have no math, included). ]]
local function tinfo(x)
   if type(x) ~= 'cdata' then return nil end
   local e = ctypeInfo[tonumber(typeof(x))]
   if e ~= nil and e[2] == 'tensor' and not e[1].isHalf then return e[1] end
   return nil
end
PW.tinfo = tinfo

local scratch = {}
for _, T in ipairs(torch._typeList) do scratch[T] = ffi.new(T.ctype .. '[1]') end

--[[ `v` converted to type T as C would (integers truncate and wrap, floats round). ]]
local function toReal(T, v)
   if T.name == 'Double' then return v end
   local b = scratch[T]
   b[0] = v
   return tonumber(b[0])
end
PW.toReal = toReal

-- contig, sameSize and count spell out the 1-D and 2-D cases: a short inner loop in the
-- middle of a hot caller makes LuaJIT abort its trace.
local function contig(t)
   local nd = t._nd
   if nd == 1 then return t._sd[0] == 1 or t._sz[0] == 1 end
   if nd == 2 then
      local s0, s1 = t._sz[0], t._sz[1]
      if s1 ~= 1 and t._sd[1] ~= 1 then return false end
      return s0 == 1 or t._sd[0] == s1
   end
   local expected = 1
   for d = nd - 1, 0, -1 do
      local s = t._sz[d]
      if s ~= 1 then
         if t._sd[d] ~= expected then return false end
         expected = expected * s
      end
   end
   return true
end
PW.contig = contig

local function sameSize(a, b)
   local nd = a._nd
   if nd ~= b._nd then return false end
   if nd == 1 then return a._sz[0] == b._sz[0] end
   if nd == 2 then return a._sz[0] == b._sz[0] and a._sz[1] == b._sz[1] end
   for d = 0, nd - 1 do
      if a._sz[d] ~= b._sz[d] then return false end
   end
   return true
end

--[[ Number of elements of `t`. ]]
local function count(t)
   local nd = t._nd
   if nd == 1 then return t._sz[0] end
   if nd == 2 then return t._sz[0] * t._sz[1] end
   return numel(t)
end
PW.count = count

--[[ Give `res` the size of `src` (as TH's resizeAs: a tensor of the right size keeps its
strides, so results can be written into views). ]]
local function prepare(res, src)
   if not rawequal(res, src) and not sameSize(res, src) then res:resizeAs(src) end
end
PW.prepare = prepare

--[[ Pointer to the first element of a contiguous tensor. ]]
local function ptr(t) return t._st._data + t._off end
PW.ptr = ptr

-- A contiguous tensor of n elements whose elements all lie inside its storage (a storage
-- resized smaller under a tensor is left to the kernels, which check).
local function flat(t, n)
   return contig(t) and t._off + n <= t._st._n
end

--[[ True when all of the (up to three) tensors of `n` elements can be handled by a
LuaJIT loop. ]]
local function loopable(n, a, b, c)
   if n > PW.SMALL or not flat(a, n) or not flat(b, n) then return false end
   return c == nil or flat(c, n)
end
PW.loopable = loopable

--[[ The types of arguments `...` for an "invalid arguments" message (trailing nils left
out). ]]
local function describe(...)
   local parts = {}
   for i = 1, select('#', ...) do
      local x = select(i, ...)
      parts[#parts + 1] = torch.isTensor(x) and torch.typename(x) or type(x)
   end
   while parts[#parts] == 'nil' do parts[#parts] = nil end
   return table.concat(parts, ', ')
end
PW.describe = describe

--[[ Raise Torch7's "invalid arguments" error for function `fname` of type T. ]]
function PW.badArgs(fname, T, forms, ...)
   local prefix = T and T.tensorName or 'torch'
   error(string.format('%s.%s: invalid arguments (%s); expected %s', prefix, fname,
      describe(...), forms), 3)
end
local badArgs = PW.badArgs

--[[ Raise unless tensors `a` and `b` hold as many elements. ]]
local function checkNumel(fname, T, a, b)
   local na, nb = count(a), count(b)
   if na ~= nb then
      error(string.format('%s.%s: inconsistent tensor sizes: %d elements vs %d elements',
         T.tensorName, fname, na, nb), 4)
   end
end
PW.checkNumel = checkNumel

--[[ Raise unless type T may use `fname`: `kinds` is 'float' (Float/Double only), 'int'
(integer types only) or a set of type names. ]]
local function checkKind(fname, T, kinds)
   if kinds == nil then return end
   local ok
   if kinds == 'float' then ok = not T.isint
   elseif kinds == 'int' then ok = T.isint
   else ok = kinds[T.name] end
   if not ok then
      local what = kinds == 'float' and 'Float and Double tensors'
         or kinds == 'int' and 'integer tensors' or 'this tensor type'
      error(string.format('%s.%s: only available for %s', T.tensorName, fname, what), 4)
   end
end
PW.checkKind = checkKind

-- Compile one LuaJIT loop per type class (letters of `classes`) from an expression in
-- `a` (element of the first operand), `b` (element of the second, when used), `v` and `w`
-- (numbers). Each class gets its own function so each trace sees one element type.
-- Up to torch._elementLoop.SHORT elements they run no loop (see elementLoop.lua).
local LOOP_ENV = [[
local floor, ceil, fmod, abs, sqrt, exp, atan2 = math.floor, math.ceil, math.fmod,
   math.abs, math.sqrt, math.exp, math.atan2
local function irem(x, y)
   local r = fmod(x, y)
   if r ~= 0 and (r < 0) ~= (y < 0) then r = r + y end
   return r
end
local function frem(x, y)
   if y == 0 then return 0 / 0 end
   return x - y * floor(x / y)
end
]]
function PW.loops(expr, classes, out)
   out = out or {}
   local two = expr:find('%f[%w_]b%f[^%w_]') ~= nil
   local head = two and 'local a, b = s[i], s2[i] ' or 'local a = s[i] '
   for c in classes:gmatch('.') do
      out[c] = elementLoop('d, s, s2, n, v, w', head .. 'd[i] = ' .. expr, nil, nil, LOOP_ENV)
   end
   return out
end

--[[ An operation `res = f(src, v)`: a LuaJIT loop from `spec.loops` for small contiguous
operands, else kernel `spec.kernel` ('tensor_scalar' with spec.op). ]]
function PW.scalarOp(fname, spec)
   return function(T, res, src, v)
      checkKind(fname, T, spec.kinds)
      v = toReal(T, v)
      if spec.nonzero and T.isint and v == 0 then
         error(string.format('%s.%s: integer division by zero', T.tensorName, fname), 3)
      end
      prepare(res, src)
      local n = count(res)
      if n == 0 then return res end
      local loop = spec.loops and spec.loops[CLASS[T.name]]
      if loop and loopable(n, res, src) then
         loop(ptr(res), ptr(src), nil, n, v)
      else
         K.tensor_scalar(spec.op, np(res), np(src), v)
      end
      return res
   end
end

--[[ An operation `res = f(a, b)` on two tensors of the same element count. ]]
function PW.binaryOp(fname, spec)
   return function(T, res, a, b)
      checkKind(fname, T, spec.kinds)
      checkNumel(fname, T, a, b)
      prepare(res, a)
      local n = count(res)
      if n == 0 then return res end
      local loop = spec.loops and spec.loops[CLASS[T.name]]
      if loop and loopable(n, res, a, b) and not (spec.nonzero and T.isint) then
         loop(ptr(res), ptr(a), ptr(b), n)
      else
         K[spec.kernel or 'tensor_binary'](spec.op, np(res), np(a), np(b))
      end
      return res
   end
end

--[[ Define method `name` and torch.`name` for the form [res,] tensor, number.
`impl(T, res, src, v)` does the work. ]]
function PW.defScalar(name, impl)
   local forms = '[result,] tensor, number'
   M[name] = function(self, a, b)
      local T = tinfo(self)
      if b == nil and type(a) == 'number' then return impl(T, self, self, a) end
      if type(b) == 'number' and tinfo(a) == T then return impl(T, self, a, b) end
      badArgs(name, T, forms, self, a, b)
   end
   torch[name] = function(a, b, c)
      local T = tinfo(a)
      if T ~= nil then
         if c == nil and type(b) == 'number' then return impl(T, rawTensor(T, nil), a, b) end
         if type(c) == 'number' and tinfo(b) == T then return impl(T, a, b, c) end
      end
      badArgs(name, T, forms, a, b, c)
   end
end

--[[ Define method `name` and torch.`name` for the form [res,] tensor1, tensor2, and when
`implNum` is given also [res,] tensor, number (tried second, as upstream's cmax). ]]
function PW.defBinary(name, impl, implNum, numFn)
   local forms = '[result,] tensor1, tensor2' .. (implNum and ' | [result,] tensor, number' or '')
   M[name] = function(self, a, b)
      local T = tinfo(self)
      if b == nil then
         if tinfo(a) == T then return impl(T, self, self, a) end
         if implNum and type(a) == 'number' then return implNum(T, self, self, a) end
      elseif tinfo(a) == T then
         if tinfo(b) == T then return impl(T, self, a, b) end
         if implNum and type(b) == 'number' then return implNum(T, self, a, b) end
      end
      badArgs(name, T, forms, self, a, b)
   end
   torch[name] = function(a, b, c)
      if numFn and type(a) == 'number' and type(b) == 'number' then return numFn(a, b) end
      local T = tinfo(a)
      if T ~= nil and tinfo(b) == T then
         if c == nil then return impl(T, rawTensor(T, nil), a, b) end
         if tinfo(c) == T then return impl(T, a, b, c) end
         if implNum and type(c) == 'number' then return implNum(T, a, b, c) end
      elseif T ~= nil and implNum and type(b) == 'number' and c == nil then
         return implNum(T, rawTensor(T, nil), a, b)
      end
      badArgs(name, T, forms, a, b, c)
   end
end

--[[ Define method `name` and torch.`name` for the form [res,] tensor, and torch.`name`(x)
for a number x when `numFn` is given. ]]
function PW.defUnary(name, impl, numFn)
   local forms = '[result,] tensor'
   M[name] = function(self, a)
      local T = tinfo(self)
      if a == nil then return impl(T, self, self) end
      if tinfo(a) == T then return impl(T, self, a) end
      badArgs(name, T, forms, self, a)
   end
   torch[name] = function(a, b)
      if numFn and type(a) == 'number' and b == nil then return numFn(a) end
      local T = tinfo(a)
      if T ~= nil then
         if b == nil then return impl(T, rawTensor(T, nil), a) end
         if tinfo(b) == T then return impl(T, a, b) end
      end
      badArgs(name, T, forms, a, b)
   end
end
