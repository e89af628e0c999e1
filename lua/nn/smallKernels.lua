-- Kernel entry points that take tensors and dispatch on size: a call small enough that the
-- Lua-to-Python crossing would cost more than the arithmetic runs as a LuaJIT loop over the
-- tensors' memory, and every other call goes to the array kernel of the same name (the only
-- implementation for large, strided or integer data).
--
-- A loop runs only when every operand is a contiguous Float or Double tensor of one type
-- whose elements all lie inside its storage. This file holds the shared checks;
-- smallKernelsActivation.lua (Tanh, Sigmoid, Threshold, HardTanh, LeakyReLU, ELU),
-- smallKernelsSoftMax.lua, smallKernelsLinear.lua (Linear, LookupTable),
-- smallKernelsTable.lua (CAddTable, CMulTable) and smallKernelsCriterion.lua (MSE and
-- ClassNLL criteria) the loops. Linear sums its products in double and rounds when storing
-- (gradWeight gains one row's outer product at a time), so Float results may differ from the
-- BLAS kernels' in the last bits; the others keep THNN's order of operations.
local torch = require 'torch'
local ffi = require 'ffi'
local K, np = torch._bridge.K, torch._np
local PW = torch._pointwise
local contig, tinfo, ptr = PW.contig, PW.tinfo, PW.ptr

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

return S
