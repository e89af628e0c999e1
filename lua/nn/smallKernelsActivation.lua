-- The small-call loops of the elementwise activation modules (see smallKernels.lua for when
-- a call loops in LuaJIT and when it goes to the array kernel). Constants are converted to
-- the tensors' type before they are compared or multiplied, as the array kernels do; results
-- are computed in double and rounded once when stored.
local S = nn._small
local PW = torch._pointwise
local K, np, ptr, pointwise = S.K, S.np, S.ptr, S.pointwise
local tinfo = PW.tinfo
local tanh, exp = math.tanh, math.exp

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

--[[ nn.HardTanh's forward: input clipped to [minVal, maxVal] (NaN stays NaN). ]]
function S.HardTanh_updateOutput(input, output, minVal, maxVal, inplace)
   local n, T = pointwise(input, output)
   if n == nil then
      return K.HardTanh_updateOutput(np(input), np(output), minVal, maxVal, inplace)
   end
   local lo, hi = PW.toReal(T, minVal), PW.toReal(T, maxVal)
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do
      local v = x[i]
      if v < lo then v = lo elseif v > hi then v = hi end
      y[i] = v
   end
end

--[[ nn.HardTanh's backward: gradOutput strictly inside (minVal, maxVal), else 0. ]]
function S.HardTanh_updateGradInput(input, gradOutput, gradInput, minVal, maxVal, inplace)
   local n, T = pointwise(input, gradOutput, gradInput)
   if n == nil then
      return K.HardTanh_updateGradInput(np(input), np(gradOutput), np(gradInput), minVal,
         maxVal, inplace)
   end
   local lo, hi = PW.toReal(T, minVal), PW.toReal(T, maxVal)
   local x, g, gi = ptr(input), ptr(gradOutput), ptr(gradInput)
   for i = 0, n - 1 do
      local v = x[i]
      if v <= lo or v >= hi then gi[i] = 0 else gi[i] = g[i] end
   end
end

--[[ nn.LeakyReLU's forward: input where input > 0, else input * negval. ]]
function S.LeakyReLU_updateOutput(input, output, negval, inplace)
   local n, T = pointwise(input, output)
   if n == nil then return K.LeakyReLU_updateOutput(np(input), np(output), negval, inplace) end
   local a = PW.toReal(T, negval)
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do
      local v = x[i]
      if v > 0 then y[i] = v else y[i] = v * a end
   end
end

--[[ nn.LeakyReLU's backward: gradOutput where input > 0, else gradOutput * negval. ]]
function S.LeakyReLU_updateGradInput(input, gradOutput, gradInput, negval, inplace)
   local n, T = pointwise(input, gradOutput, gradInput)
   if n == nil then
      return K.LeakyReLU_updateGradInput(np(input), np(gradOutput), np(gradInput), negval,
         inplace)
   end
   local a = PW.toReal(T, negval)
   local x, g, gi = ptr(input), ptr(gradOutput), ptr(gradInput)
   for i = 0, n - 1 do
      if x[i] > 0 then gi[i] = g[i] else gi[i] = g[i] * a end
   end
end

--[[ nn.ELU's forward: input where input > 0, else (exp(input) - 1) * alpha. ]]
function S.ELU_updateOutput(input, output, alpha, inplace)
   local n, T = pointwise(input, output)
   if n == nil then return K.ELU_updateOutput(np(input), np(output), alpha, inplace) end
   local a = PW.toReal(T, alpha)
   local x, y = ptr(input), ptr(output)
   for i = 0, n - 1 do
      local v = x[i]
      if v <= 0 then y[i] = (exp(v) - 1) * a else y[i] = v end
   end
end

--[[ nn.ELU's backward: gradOutput * (output + alpha) where output <= 0, else gradOutput. ]]
function S.ELU_updateGradInput(input, gradOutput, gradInput, output, alpha, inplace)
   local n, T = pointwise(output, gradOutput, gradInput)
   if n == nil then
      return K.ELU_updateGradInput(np(input), np(gradOutput), np(gradInput), np(output), alpha,
         inplace)
   end
   local a, r = PW.toReal(T, alpha), S.rounder(T)
   local y, g, gi = ptr(output), ptr(gradOutput), ptr(gradInput)
   for i = 0, n - 1 do
      local v = y[i]
      if v <= 0 then gi[i] = g[i] * r(v + a) else gi[i] = g[i] end
   end
end
