-- The small-call loops of the common criteria, nn.MSECriterion and nn.ClassNLLCriterion (see
-- smallKernels.lua for when a call loops in LuaJIT and when it goes to the array kernel).
-- A per-sample training loop calls both once per sample, with a handful of elements.
local S = nn._small
local PW = torch._pointwise
local K, np, ptr, floating, flat = S.K, S.np, S.ptr, S.floating, S.flat

local same = S.pointwise

--[[ nn.MSECriterion's loss: the sum of squared differences (their mean with sizeAverage),
each difference and square taken in the tensors' type and summed in double, as THNN does. ]]
function S.MSECriterion_updateOutput(input, target, output, sizeAverage)
   local n, T = same(input, target)
   if n == nil or not flat(output, T, PW.count(output)) then
      return K.MSECriterion_updateOutput(np(input), np(target), np(output), sizeAverage)
   end
   local x, t, r = ptr(input), ptr(target), S.rounder(T)
   local s = 0
   for i = 0, n - 1 do
      local z = r(x[i] - t[i])
      s = s + r(z * z)
   end
   ptr(output)[0] = sizeAverage and s / n or s
end

--[[ nn.MSECriterion's gradient: norm * (input - target), norm 2 (2/n with sizeAverage) in
the tensors' type. ]]
function S.MSECriterion_updateGradInput(input, target, gradInput, sizeAverage)
   local n, T = same(input, target, gradInput)
   if n == nil then
      return K.MSECriterion_updateGradInput(np(input), np(target), np(gradInput), sizeAverage)
   end
   local x, t, gi, r = ptr(input), ptr(target), ptr(gradInput), S.rounder(T)
   local norm = r(sizeAverage and 2 / n or 2)
   for i = 0, n - 1 do gi[i] = r(x[i] - t[i]) * norm end
end

-- Rows and classes of a ClassNLLCriterion call that loops in LuaJIT: input (n classes, or
-- rows x n) with as many LongTensor targets as rows, weights nil or n of the input's type,
-- and one-element tensors `a` and `b` (b may be nil) of that type.
local function nllShape(input, target, weights, a, b)
   local T = floating(input)
   if T == nil then return nil end
   local nd = input._nd
   if nd ~= 1 and nd ~= 2 then return nil end
   local rows = nd == 2 and input._sz[0] or 1
   local n = input._sz[nd - 1]
   local nt = PW.count(target)
   if rows * n > S.POINTWISE or not flat(input, T, rows * n)
         or not flat(target, torch._types.Long, nt) or (nd == 2 and nt ~= rows)
         or (weights and not flat(weights, T, n)) or not flat(a, T, 1)
         or (b ~= nil and not flat(b, T, 1)) then
      return nil
   end
   return rows, n
end

-- Raise the array kernel's error for a target outside [1, n].
local function checkClass(where, c, n)
   if c < 1 or c > n then
      error(string.format('%s: target out of range [1, %d]', where, n), 0)
   end
end

--[[ nn.ClassNLLCriterion's loss: minus the (weighted) log-probabilities of the target
classes, over their total weight with sizeAverage; targets equal to ignoreIndex count for
nothing. Writes output[1] and totalWeight[1]. ]]
function S.ClassNLLCriterion_updateOutput(input, target, output, sizeAverage, weights,
                                          totalWeight, ignoreIndex)
   local rows, n = nllShape(input, target, weights, output, totalWeight)
   if rows == nil then
      return K.ClassNLLCriterion_updateOutput(np(input), np(target), np(output), sizeAverage,
         weights and np(weights), np(totalWeight), ignoreIndex)
   end
   local x, t, w = ptr(input), ptr(target), weights and ptr(weights)
   local loss, total = 0, 0
   for r = 0, rows - 1 do
      local c = tonumber(t[r])
      if c ~= ignoreIndex then
         checkClass('ClassNLLCriterion_updateOutput', c, n)
         local cw = w and w[c - 1] or 1
         total = total + cw
         loss = loss - x[r * n + c - 1] * cw
      end
   end
   local r = S.rounder(floating(input))
   total = r(total)
   if sizeAverage and total ~= 0 then loss = r(loss) / total end
   ptr(output)[0] = loss
   ptr(totalWeight)[0] = total
end

--[[ nn.ClassNLLCriterion's gradient: zero but at the target classes, which get minus their
weight (over the total weight with sizeAverage). ]]
function S.ClassNLLCriterion_updateGradInput(input, target, gradInput, sizeAverage, weights,
                                             totalWeight, ignoreIndex)
   local rows, n = nllShape(input, target, weights, totalWeight)
   if rows == nil or not flat(gradInput, floating(input), rows * n) then
      return K.ClassNLLCriterion_updateGradInput(np(input), np(target), np(gradInput),
         sizeAverage, weights and np(weights), np(totalWeight), ignoreIndex)
   end
   local t, w, gi = ptr(target), weights and ptr(weights), ptr(gradInput)
   for i = 0, rows * n - 1 do gi[i] = 0 end
   local total = ptr(totalWeight)[0]
   if total ~= total or total <= 0 then return end  -- NaN too
   for r = 0, rows - 1 do
      local c = tonumber(t[r])
      if c ~= ignoreIndex then
         checkClass('ClassNLLCriterion_updateGradInput', c, n)
         local g
         if input._nd == 1 then
            g = (w and not sizeAverage) and -w[c - 1] or -1
         else
            g = -(w and w[c - 1] or 1)
            if sizeAverage then g = g / total end
         end
         gi[r * n + c - 1] = g
      end
   end
end
