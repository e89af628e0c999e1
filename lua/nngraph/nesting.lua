-- Operations on nested tables of tensors (gradients summed over a node's consumers).
-- luacheck: globals graph nngraph
local nesting = {}

--[[ A deep copy of a tensor or nested table of tensors. ]]
function nesting.cloneNested(obj)
   if torch.isTensor(obj) then return obj:clone() end
   local copy = {}
   for k, v in pairs(obj) do copy[k] = nesting.cloneNested(v) end
   return copy
end

--[[ Fill every tensor of a nested table with `value`. ]]
function nesting.fillNested(obj, value)
   if torch.isTensor(obj) then
      obj:fill(value)
      return
   end
   for _, v in pairs(obj) do nesting.fillNested(v, value) end
end

--[[ Give `output` the structure and sizes of `input`: tensors are resized, missing entries
are cloned from `input`, entries `input` lacks are removed. ]]
function nesting.resizeNestedAs(output, input)
   if torch.isTensor(output) then
      output:resizeAs(input)
      return
   end
   for k, v in pairs(input) do
      if output[k] == nil then
         output[k] = nesting.cloneNested(v)
      else
         nesting.resizeNestedAs(output[k], v)
      end
   end
   for k in pairs(output) do
      if input[k] == nil then output[k] = nil end
   end
end

--[[ Copy the tensors of `input` into those of `output` (same structure). ]]
function nesting.copyNested(output, input)
   if torch.isTensor(output) then
      output:copy(input)
      return
   end
   for k, v in pairs(input) do nesting.copyNested(output[k], v) end
   for k in pairs(output) do
      if input[k] == nil then
         error('nngraph: key ' .. tostring(k) .. ' present in output but not in input')
      end
   end
end

--[[ Add the tensors of `input` to those of `output` (same structure). ]]
function nesting.addNestedTo(output, input)
   if torch.isTensor(output) then
      output:add(input)
      return
   end
   for k, v in pairs(input) do
      assert(output[k] ~= nil, 'nngraph: missing key ' .. tostring(k) .. ' in gradient sum')
      nesting.addNestedTo(output[k], v)
   end
end

-- A one-element storage holding zero: the cheap zero gradient some modules return.
local function isScalarZero(g)
   if not torch.isTensor(g) then return false end
   local s = g:storage()
   return s ~= nil and s:size() == 1 and s[1] == 0
end

-- The gradient of a node: its one gradOutput, or the sum of several (in the node's
-- gradOutputBuffer; skipped while all but one are scalar zeros and no buffer exists).
function nesting.totalGradOutput(data)
   local list = data.gradOutput
   assert(type(list) == 'table', 'nn.gModule: expecting gradients to sum')
   if #list <= 1 then return list[1] end
   if not data.gradOutputBuffer then
      local count, index = 0, 1
      for i = 1, #list do
         if not isScalarZero(list[i]) then count, index = count + 1, i end
      end
      if count < 2 then return list[index] end
      data.gradOutputBuffer = nesting.cloneNested(list[1])
   end
   local sum = data.gradOutputBuffer
   nesting.resizeNestedAs(sum, list[1])
   nesting.copyNested(sum, list[1])
   for i = 2, #list do nesting.addNestedTo(sum, list[i]) end
   return sum
end

return nesting
