-- Kernel entry points that take tensors and dispatch on size: a call small enough that the
-- Lua-to-Python crossing would cost more than the arithmetic runs as a LuaJIT loop over the
-- tensors' memory, and every other call goes to the array kernel of the same name (the only
-- implementation for large, strided or integer data).
--
-- A loop runs only when every operand is a contiguous Float or Double tensor of one type
-- whose elements all lie inside its storage. Products are summed in double and rounded when
-- stored (gradWeight gains one row's outer product at a time), so Float results may differ
-- from the BLAS kernels' in the last bits.
local torch = require 'torch'
local ffi = require 'ffi'
local K, np = torch._bridge.K, torch._np
local PW = torch._pointwise
local contig, tinfo, ptr = PW.contig, PW.tinfo, PW.ptr
local tanh, exp, log = math.tanh, math.exp, math.log

local S = {}
nn._small = S
S.K, S.np, S.ptr = K, np, ptr

-- Up to this many multiply-adds a Linear call loops in LuaJIT. Measured: a call through the
-- crossing and the numpy kernels costs some 4-5 us forward and 6-7 us backward; the loops
-- take about 0.5 ns per multiply-add forward and 1.5 ns backward (two products per weight).
S.LINEAR_MACS = 4096
-- Up to this many elements an elementwise module loops in LuaJIT.
S.POINTWISE = 4096

local FLOATING = { Float = true, Double = true }

-- The type of `t` when it is a Float or Double tensor, else nil.
local function floating(t)
   local T = tinfo(t)
   if T ~= nil and FLOATING[T.name] then return T end
   return nil
end

-- Whether `t` is a contiguous tensor of type T with `n` elements (n > 0), all inside its
-- storage (a storage resized smaller under a tensor is left to the array kernels).
local function flat(t, T, n)
   if n <= 0 or tinfo(t) ~= T or PW.count(t) ~= n or not contig(t) then return false end
   local st = t._st
   return st ~= nil and t._off + n <= st._n
end

S.floating, S.flat = floating, flat

-- A function rounding a number to type T's precision as a store would (Float: to single
-- precision; Double: none).
local f32 = ffi.new('float[1]')
local function toSingle(v)
   f32[0] = v
   return f32[0]
end
local function exact(v) return v end
function S.rounder(T) return T.name == 'Float' and toSingle or exact end

-- A buffer of at least n doubles, shared by the loops (n is small: calls that loop are).
local acc, accSize = nil, 0
function S.scratch(n)
   if n > accSize then
      acc, accSize = ffi.new('double[?]', n), n
   end
   return acc
end

-- The element count and type of `x` when `x` and the tensors `a` and `b` (either may be nil)
-- are contiguous Float or Double tensors of one type with as many elements, at most
-- S.POINTWISE; else nil. (Fixed arguments rather than a loop over `...`: a loop of one or
-- two turns in every call gets LuaJIT to give up on the code around it.)
local function pointwise(x, a, b)
   local T = floating(x)
   if T == nil then return nil end
   local n = PW.count(x)
   if n > S.POINTWISE or not flat(x, T, n) or (a ~= nil and not flat(a, T, n))
         or (b ~= nil and not flat(b, T, n)) then
      return nil
   end
   return n, T
end
S.pointwise = pointwise

--[[ nn.Tanh's forward: output = tanh(input). ]]
function S.Tanh_updateOutput(input, output)
   local n = pointwise(input, output)
   if n == nil then return K.Tanh_updateOutput(np(input), np(output)) end
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do y[i] = tanh(x[i]) end
end

--[[ nn.Tanh's backward: gradInput = gradOutput * (1 - output^2). ]]
function S.Tanh_updateGradInput(input, gradOutput, gradInput, output)
   local n = pointwise(gradOutput, gradInput, output)
   if n == nil then
      return K.Tanh_updateGradInput(np(input), np(gradOutput), np(gradInput), np(output))
   end
   local g, gi, y = ptr(gradOutput), ptr(gradInput), ptr(output)
   for i = 0, n - 1 do
      local v = y[i]
      gi[i] = g[i] * (1 - v * v)
   end
end

--[[ nn.Sigmoid's forward: output = 1 / (1 + exp(-input)). ]]
function S.Sigmoid_updateOutput(input, output)
   local n = pointwise(input, output)
   if n == nil then return K.Sigmoid_updateOutput(np(input), np(output)) end
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do y[i] = 1 / (1 + exp(-x[i])) end
end

--[[ nn.Sigmoid's backward: gradInput = gradOutput * (1 - output) * output. ]]
function S.Sigmoid_updateGradInput(input, gradOutput, gradInput, output)
   local n = pointwise(gradOutput, gradInput, output)
   if n == nil then
      return K.Sigmoid_updateGradInput(np(input), np(gradOutput), np(gradInput), np(output))
   end
   local g, gi, y = ptr(gradOutput), ptr(gradInput), ptr(output)
   for i = 0, n - 1 do
      local v = y[i]
      gi[i] = g[i] * (1 - v) * v
   end
end

--[[ nn.Threshold's forward: output = input where input > threshold, else val (the
threshold compared in the tensor's type, as the array kernel does). ]]
function S.Threshold_updateOutput(input, output, threshold, val, inplace)
   local n = pointwise(input, output)
   if n == nil then
      return K.Threshold_updateOutput(np(input), np(output), threshold, val, inplace)
   end
   local th = PW.toReal(tinfo(input), threshold)
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do
      local v = x[i]
      if v > th then y[i] = v else y[i] = val end
   end
end

--[[ nn.Threshold's backward: gradOutput where input > threshold, else 0. ]]
function S.Threshold_updateGradInput(input, gradOutput, gradInput, threshold, val, inplace)
   local n = pointwise(input, gradOutput, gradInput)
   if n == nil then
      return K.Threshold_updateGradInput(np(input), np(gradOutput), np(gradInput), threshold,
         val, inplace)
   end
   local th = PW.toReal(tinfo(input), threshold)
   local x, g, gi = ptr(input), ptr(gradOutput), ptr(gradInput)
   for i = 0, n - 1 do
      if x[i] > th then gi[i] = g[i] else gi[i] = 0 end
   end
end

-- Rows and row length of a 1-D or 2-D input to a soft-max module (features along the last
-- dimension) when it and the tensors `a` and `b` loop in LuaJIT; else nil.
local function softRows(x, a, b)
   local nd = x._nd
   if nd ~= 1 and nd ~= 2 or pointwise(x, a, b) == nil then return nil end
   if nd == 1 then return 1, x._sz[0] end
   return x._sz[0], x._sz[1]
end

-- exp(x[i] - the row's maximum) into e[i] for the row of d elements from o, and their sum;
-- `r` rounds the difference to the tensors' type, as THNN takes it.
local function shiftedExp(x, e, o, d, r)
   local m = x[o]
   for i = o + 1, o + d - 1 do
      if x[i] > m then m = x[i] end
   end
   local s = 0
   for i = o, o + d - 1 do
      e[i] = exp(r(x[i] - m))
      s = s + e[i]
   end
   return m, s
end

--[[ nn.LogSoftMax's forward: output = input - log(sum(exp(input))) along the features. ]]
function S.LogSoftMax_updateOutput(input, output)
   local nb, d = softRows(input, output)
   if nb == nil then return K.LogSoftMax_updateOutput(np(input), np(output)) end
   local x, y, round = ptr(input), ptr(output), S.rounder(tinfo(input))
   local e = S.scratch(nb * d)
   for r = 0, nb - 1 do
      local o = r * d
      local m, s = shiftedExp(x, e, o, d, round)
      local z = m + log(s)
      for i = o, o + d - 1 do y[i] = x[i] - z end
   end
end

--[[ nn.LogSoftMax's backward: gradInput = gradOutput - exp(output) * sum(gradOutput). ]]
function S.LogSoftMax_updateGradInput(input, gradOutput, gradInput, output)
   local nb, d = softRows(output, gradOutput, gradInput)
   if nb == nil then
      return K.LogSoftMax_updateGradInput(np(input), np(gradOutput), np(gradInput), np(output))
   end
   local g, gi, y = ptr(gradOutput), ptr(gradInput), ptr(output)
   for r = 0, nb - 1 do
      local o, s = r * d, 0
      for i = o, o + d - 1 do s = s + g[i] end
      for i = o, o + d - 1 do gi[i] = g[i] - exp(y[i]) * s end
   end
end

--[[ nn.SoftMax's forward: output = exp(input) / sum(exp(input)) along the features. ]]
function S.SoftMax_updateOutput(input, output)
   local nb, d = softRows(input, output)
   if nb == nil then return K.SoftMax_updateOutput(np(input), np(output)) end
   local x, y, round = ptr(input), ptr(output), S.rounder(tinfo(input))
   for r = 0, nb - 1 do
      local o = r * d
      local _, s = shiftedExp(x, y, o, d, round)
      local inv = 1 / s
      for i = o, o + d - 1 do y[i] = y[i] * inv end
   end
end

--[[ nn.SoftMax's backward: gradInput = output * (gradOutput - sum(gradOutput * output)). ]]
function S.SoftMax_updateGradInput(input, gradOutput, gradInput, output)
   local nb, d = softRows(output, gradOutput, gradInput)
   if nb == nil then
      return K.SoftMax_updateGradInput(np(input), np(gradOutput), np(gradInput), np(output))
   end
   local g, gi, y = ptr(gradOutput), ptr(gradInput), ptr(output)
   for r = 0, nb - 1 do
      local o, s = r * d, 0
      for i = o, o + d - 1 do s = s + g[i] * y[i] end
      for i = o, o + d - 1 do gi[i] = y[i] * (g[i] - s) end
   end
end

return S
