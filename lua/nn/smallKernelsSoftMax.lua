-- The small-call loops of the soft-max modules, nn.SoftMax and nn.LogSoftMax, over 1-D and
-- 2-D inputs (see smallKernels.lua for when a call loops in LuaJIT and when it goes to the
-- array kernel). They keep THNN's order of operations: the shift by the row maximum is
-- taken in the tensors' type, the exponentials summed in order.
local S = nn._small
local K, np, ptr, pointwise = S.K, S.np, S.ptr, S.pointwise
local tinfo = torch._pointwise.tinfo
local exp, log = math.exp, math.log

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
