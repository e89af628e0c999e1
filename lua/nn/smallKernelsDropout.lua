-- The small-call loops of the modules that scale their input, nn.Dropout and nn.MulConstant
-- (see smallKernels.lua for when a call loops in LuaJIT and when it goes to the array
-- kernel). Dropout's keep-mask is drawn by the module itself, from Torch7's generator,
-- before the kernel runs; these loops only apply it. Scale factors are converted to the
-- tensors' type first, as the array kernels do.
local ffi = require 'ffi'
local S = nn._small
local PW = torch._pointwise
local K, np, ptr, pointwise = S.K, S.np, S.ptr, S.pointwise

-- output (or gradInput) `y` = `x` times the mask `z`, or times `scale`, or a copy of `x`.
local function apply(x, y, z, scale, n, T)
   if z then
      for i = 0, n - 1 do y[i] = x[i] * z[i] end
   elseif scale then
      for i = 0, n - 1 do y[i] = x[i] * scale end
   elseif y ~= x then
      ffi.copy(y, x, n * T.size)
   end
end

--[[ nn.Dropout's forward: with the mask (`masked`: training, or stochastic inference) the
input times the mask, which version 2 first divides by 1 - p in place; version 1 while
evaluating scales by 1 - p; otherwise a copy. ]]
function S.Dropout_updateOutput(input, output, noise, p, v2, masked)
   local useMask = p > 0 and masked
   local n, T = pointwise(input, output, useMask and noise or nil)
   if n == nil or (useMask and not noise:isSameSizeAs(input)) then
      return K.Dropout_updateOutput(np(input), np(output), np(noise), p, v2, masked)
   end
   local z = useMask and ptr(noise) or nil
   if z and v2 then
      local keep = PW.toReal(T, 1 - p)
      for i = 0, n - 1 do z[i] = z[i] / keep end
   end
   apply(ptr(input), ptr(output), z, not useMask and p > 0 and not v2
      and PW.toReal(T, 1 - p) or nil, n, T)
end

--[[ nn.Dropout's backward: gradOutput times the (scaled) mask while training; times 1 - p
for version 1 while evaluating; otherwise a copy. ]]
function S.Dropout_updateGradInput(gradOutput, gradInput, noise, p, v2, train)
   local useMask = train and p > 0
   local n, T = pointwise(gradOutput, gradInput, useMask and noise or nil)
   if n == nil then
      return K.Dropout_updateGradInput(np(gradOutput), np(gradInput), np(noise), p, v2, train)
   end
   apply(ptr(gradOutput), ptr(gradInput), useMask and ptr(noise) or nil,
      not useMask and p > 0 and not v2 and PW.toReal(T, 1 - p) or nil, n, T)
end

--[[ nn.MulConstant's forward: output = input * constant (output may be input). ]]
function S.MulConstant_updateOutput(input, output, constant)
   local n, T = pointwise(input, output)
   if n == nil then return K.MulConstant_updateOutput(np(input), np(output), constant) end
   apply(ptr(input), ptr(output), nil, PW.toReal(T, constant), n, T)
end

--[[ nn.MulConstant's updateGradInput: gradInput = gradOutput * constant; in place, input
gets its value back (divided by the constant). ]]
function S.MulConstant_updateGradInput(input, gradOutput, gradInput, constant, inplace)
   local n, T = pointwise(gradOutput, gradInput, inplace and input or nil)
   if n == nil then
      return K.MulConstant_updateGradInput(np(input), np(gradOutput), np(gradInput), constant,
         inplace)
   end
   local c = PW.toReal(T, constant)
   apply(ptr(gradOutput), ptr(gradInput), nil, c, n, T)
   if inplace then
      local x = ptr(input)
      for i = 0, n - 1 do x[i] = x[i] / c end
   end
end
