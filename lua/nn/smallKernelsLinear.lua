-- The small-call loops of the matrix modules, nn.Linear and nn.LookupTable (see
-- smallKernels.lua for when a call loops in LuaJIT and when it goes to the array kernel).
local S = nn._small
local PW = torch._pointwise
local K, np, ptr, floating, flat = S.K, S.np, S.ptr, S.floating, S.flat

-- The rows of a Linear input `x` with `ni` features, or nil when `x` is not a vector or a
-- matrix of ni columns.
local function rows(x, ni)
   local nd = x._nd
   if nd == 1 and x._sz[0] == ni then return 1 end
   if nd == 2 and x._sz[1] == ni then return x._sz[0] end
   return nil
end

-- The shape of a small Linear call on input `x` with weight `w`: element type, rows,
-- inputs and outputs; nil when the call does not loop in LuaJIT.
local function linearShape(x, w)
   local T = floating(x)
   if T == nil or w._nd ~= 2 then return nil end
   local no, ni = w._sz[0], w._sz[1]
   local nb = rows(x, ni)
   if nb == nil or nb * ni * no > S.LINEAR_MACS or not flat(x, T, nb * ni)
         or not flat(w, T, no * ni) then
      return nil
   end
   return T, nb, ni, no
end

-- The dot product of n elements of x from xo and of w from wo, in four running sums (one
-- sum waits for each addition to finish; four keep the adder busy).
local function dot(x, xo, w, wo, n)
   local s0, s1, s2, s3 = 0, 0, 0, 0
   local m = n - n % 4
   for i = 0, m - 1, 4 do
      s0 = s0 + x[xo + i] * w[wo + i]
      s1 = s1 + x[xo + i + 1] * w[wo + i + 1]
      s2 = s2 + x[xo + i + 2] * w[wo + i + 2]
      s3 = s3 + x[xo + i + 3] * w[wo + i + 3]
   end
   for i = m, n - 1 do s0 = s0 + x[xo + i] * w[wo + i] end
   return (s0 + s1) + (s2 + s3)
end

--[[ nn.Linear's forward: output = input * weight^T + bias. ARGS: input, output (sized
already), weight, bias (or nil), all tensors. ]]
function S.Linear_updateOutput(input, output, weight, bias)
   local T, nb, ni, no = linearShape(input, weight)
   if T == nil or not flat(output, T, nb * no) or bias and not flat(bias, T, no) then
      return K.Linear_updateOutput(np(input), np(output), np(weight), bias and np(bias))
   end
   local x, y, w = ptr(input), ptr(output), ptr(weight)
   local b = bias and ptr(bias)
   for r = 0, nb - 1 do
      local xr, yr = r * ni, r * no
      for o = 0, no - 1 do
         local s = dot(x, xr, w, o * ni, ni)
         if b then s = s + b[o] end
         y[yr + o] = s
      end
   end
end

-- gradInput row by row: each row of weight, scaled by one gradOutput element, is added
-- into a row of doubles (the inner loops walk memory in order).
local function linearGradInput(g, w, gi, nb, ni, no)
   local a = S.scratch(ni)
   for r = 0, nb - 1 do
      local gr, ir = r * no, r * ni
      for i = 0, ni - 1 do a[i] = 0 end
      for o = 0, no - 1 do
         local go, wo = g[gr + o], o * ni
         for i = 0, ni - 1 do a[i] = a[i] + go * w[wo + i] end
      end
      for i = 0, ni - 1 do gi[ir + i] = a[i] end
   end
end

-- gradWeight and gradBias gain each row's outer product, row after row.
local function linearAcc(x, g, gw, gb, nb, ni, no, scale)
   for r = 0, nb - 1 do
      local gr, xr = r * no, r * ni
      for o = 0, no - 1 do
         local go, wo = scale * g[gr + o], o * ni
         for i = 0, ni - 1 do gw[wo + i] = gw[wo + i] + go * x[xr + i] end
         if gb then gb[o] = gb[o] + go end
      end
   end
end

--[[ nn.Linear's updateGradInput: gradInput = gradOutput * weight. ]]
function S.Linear_updateGradInput(input, gradOutput, gradInput, weight)
   local T, nb, ni, no = linearShape(input, weight)
   if T == nil or not flat(gradOutput, T, nb * no) or not flat(gradInput, T, nb * ni) then
      return K.Linear_updateGradInput(np(input), np(gradOutput), np(gradInput), np(weight))
   end
   linearGradInput(ptr(gradOutput), ptr(weight), ptr(gradInput), nb, ni, no)
end

--[[ nn.Linear's accGradParameters: gradWeight += scale * gradOutput^T * input, gradBias +=
scale * (sum of gradOutput's rows). ]]
function S.Linear_accGradParameters(input, gradOutput, gradWeight, gradBias, scale)
   local T, nb, ni, no = linearShape(input, gradWeight)
   if T == nil or not flat(gradOutput, T, nb * no) or gradBias and not flat(gradBias, T, no) then
      return K.Linear_accGradParameters(np(input), np(gradOutput), np(gradWeight),
         gradBias and np(gradBias), scale)
   end
   linearAcc(ptr(input), ptr(gradOutput), ptr(gradWeight), gradBias and ptr(gradBias),
      nb, ni, no, scale)
end

--[[ updateGradInput then accGradParameters, as one call. ]]
function S.Linear_backward(input, gradOutput, gradInput, weight, gradWeight, gradBias, scale)
   local T, nb, ni, no = linearShape(input, weight)
   if T == nil or not flat(gradOutput, T, nb * no) or not flat(gradInput, T, nb * ni)
         or not flat(gradWeight, T, no * ni) or gradBias and not flat(gradBias, T, no) then
      return K.Linear_backward(np(input), np(gradOutput), np(gradInput), np(weight),
         np(gradWeight), gradBias and np(gradBias), scale)
   end
   local x, g = ptr(input), ptr(gradOutput)
   linearGradInput(g, ptr(weight), ptr(gradInput), nb, ni, no)
   linearAcc(x, g, ptr(gradWeight), gradBias and ptr(gradBias), nb, ni, no, scale)
end


-- The number of indices of a LookupTable call and the row length, when the indices are a
-- contiguous LongTensor and `weight` and the tensor `out` (n rows) loop in LuaJIT.
local function lookupShape(input, weight, out)
   local T = floating(weight)
   if T == nil or weight._nd ~= 2 then return nil end
   local n, d = PW.count(input), weight._sz[1]
   if n * d > S.POINTWISE or not flat(input, torch._types.Long, n)
         or not flat(weight, T, weight._sz[0] * d) or not flat(out, T, n * d) then
      return nil
   end
   return n, d
end

-- The 0-based rows of the 1-based indices idx[0 .. n-1], checked against nIndex rows;
-- `where` names the kernel in the error, worded as the array kernel's.
local function lookupRows(where, idx, n, nIndex)
   local lo, hi = math.huge, -math.huge
   for k = 0, n - 1 do
      local v = tonumber(idx[k])
      if v < lo then lo = v end
      if v > hi then hi = v end
   end
   if lo < 1 or hi > nIndex then
      error(string.format('%s: indices must be in [1, %d], got values in [%d, %d]', where,
         nIndex, lo, hi), 0)
   end
end

--[[ nn.LookupTable's forward: output rows = the weight rows the 1-based indices name. ]]
function S.LookupTable_updateOutput(input, output, weight)
   local n, d = lookupShape(input, weight, output)
   if n == nil then return K.LookupTable_updateOutput(np(input), np(output), np(weight)) end
   local idx, y, w = ptr(input), ptr(output), ptr(weight)
   lookupRows('LookupTable_updateOutput', idx, n, weight._sz[0])
   for k = 0, n - 1 do
      local wo, yo = (tonumber(idx[k]) - 1) * d, k * d
      for i = 0, d - 1 do y[yo + i] = w[wo + i] end
   end
end

--[[ nn.LookupTable's accGradParameters: gradWeight rows named by the indices gain `scale`
times the matching gradOutput rows, except rows of index paddingValue (counting repeated
indices, scaleGradByFreq, goes to the array kernel). ]]
function S.LookupTable_accGradParameters(input, gradOutput, gradWeight, count,
                                         scaleGradByFreq, paddingValue, scale)
   local n, d = lookupShape(input, gradWeight, gradOutput)
   if n == nil or scaleGradByFreq then
      return K.LookupTable_accGradParameters(np(input), np(gradOutput), np(gradWeight),
         count and np(count), scaleGradByFreq, paddingValue, scale)
   end
   local idx, g, gw = ptr(input), ptr(gradOutput), ptr(gradWeight)
   lookupRows('LookupTable_accGradParameters', idx, n, gradWeight._sz[0])
   for k = 0, n - 1 do
      local row = tonumber(idx[k])
      if row ~= paddingValue then
         local wo, go = (row - 1) * d, k * d
         for i = 0, d - 1 do gw[wo + i] = gw[wo + i] + scale * g[go + i] end
      end
   end
end
