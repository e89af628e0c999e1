-- The small-call loops of the elementwise table modules, nn.CAddTable, nn.CMulTable and
-- nn.CSubTable (see
-- smallKernels.lua for when a call loops in LuaJIT and when it goes to the array kernel).
-- Recurrent cells built with nngraph call them at every step on a few hundred elements.
-- Each step of the sum or product is stored into the output's type, left to right, as the
-- array kernels (and Torch7's add/cmul chains) do, so results match them bit for bit.
local ffi = require 'ffi'
local S = nn._small
local K, np, ptr, pointwise, flat = S.K, S.np, S.ptr, S.pointwise, S.flat
local tinfo = torch._pointwise.tinfo

-- The element count when `first` and every tensor of the list `list` (and `extra`, when
-- given) are contiguous tensors of one floating type with as many elements, at most
-- S.POINTWISE; else nil.
local function allFlat(first, list, extra)
   local n, T = pointwise(first, extra)
   if n == nil then return nil end
   for k = 1, #list do
      if not flat(list[k], T, n) then return nil end
   end
   return n, T
end

local function arraysOf(list)
   local arrays = {}
   for k = 1, #list do arrays[k] = np(list[k]) end
   return arrays
end

--[[ nn.CAddTable's forward: output = input[1] + input[2] + ..., left to right. ARGS: output
(sized already, or input[1] itself), input (list of tensors) ]]
function S.CAddTable_updateOutput(output, input)
   local n = allFlat(output, input)
   if n == nil then return K.CAddTable_updateOutput(np(output), unpack(arraysOf(input))) end
   local y, first = ptr(output), ptr(input[1])
   if y ~= first then ffi.copy(y, first, n * tinfo(output).size) end  -- in place: y is input[1]
   for k = 2, #input do
      local x = ptr(input[k])
      for i = 0, n - 1 do y[i] = y[i] + x[i] end
   end
end

--[[ nn.CAddTable's updateGradInput: gradOutput copied into every tensor of `gradInputs`. ]]
function S.CAddTable_updateGradInput(gradOutput, gradInputs)
   local n, T = allFlat(gradOutput, gradInputs)
   if n == nil then
      return K.CAddTable_updateGradInput(np(gradOutput), unpack(arraysOf(gradInputs)))
   end
   local g = ptr(gradOutput)
   for k = 1, #gradInputs do ffi.copy(ptr(gradInputs[k]), g, n * T.size) end
end

--[[ nn.CMulTable's forward: output = input[1] * input[2] * ..., left to right. ]]
function S.CMulTable_updateOutput(output, input)
   local n = allFlat(output, input)
   if n == nil then return K.CMulTable_updateOutput(np(output), unpack(arraysOf(input))) end
   local y, first = ptr(output), ptr(input[1])
   if y ~= first then ffi.copy(y, first, n * tinfo(output).size) end
   for k = 2, #input do
      local x = ptr(input[k])
      for i = 0, n - 1 do y[i] = y[i] * x[i] end
   end
end

--[[ nn.CMulTable's updateGradInput: gradInput[i] = gradOutput times every input but the
i-th, left to right. ]]
function S.CMulTable_updateGradInput(gradOutput, input, gradInput)
   local n, T = allFlat(gradOutput, input)
   if n == nil or allFlat(gradOutput, gradInput) == nil then
      local arrays = arraysOf(input)
      for k = 1, #gradInput do arrays[#input + k] = np(gradInput[k]) end
      return K.CMulTable_updateGradInput(np(gradOutput), #input, unpack(arrays, 1, 2 * #input))
   end
   local g = ptr(gradOutput)
   for k = 1, #input do
      local gi = ptr(gradInput[k])
      ffi.copy(gi, g, n * T.size)
      for j = 1, #input do
         if j ~= k then
            local x = ptr(input[j])
            for i = 0, n - 1 do gi[i] = gi[i] * x[i] end
         end
      end
   end
end

--[[ nn.CSubTable's forward: output = input1 - input2. ]]
function S.CSubTable_updateOutput(input1, input2, output)
   local n = pointwise(input1, input2, output)
   if n == nil then return K.CSubTable_updateOutput(np(input1), np(input2), np(output)) end
   local a, b, y = ptr(input1), ptr(input2), ptr(output)
   for i = 0, n - 1 do y[i] = a[i] - b[i] end
end

--[[ nn.CSubTable's updateGradInput: gradOutput and its negation. ]]
function S.CSubTable_updateGradInput(gradOutput, gradInput1, gradInput2)
   local n, T = pointwise(gradOutput, gradInput1, gradInput2)
   if n == nil then
      return K.CSubTable_updateGradInput(np(gradOutput), np(gradInput1), np(gradInput2))
   end
   local g, g1, g2 = ptr(gradOutput), ptr(gradInput1), ptr(gradInput2)
   ffi.copy(g1, g, n * T.size)
   for i = 0, n - 1 do g2[i] = -g[i] end
end
