local CMaxTable, parent = torch.class('nn.CMaxTable', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise maximum of a table of tensors; the gradient goes to the input that gave
each element (the first one on ties). ]]
function CMaxTable:__init()
   parent.__init(self)
   self.gradInput = {}
   self.maxIdx = torch.Tensor()
   self.mask = torch.Tensor()
   self.maxVals = torch.Tensor()
   self.gradMaxVals = torch.Tensor()
end

-- The tensor that records which input won (maxIdx here, minIdx in nn.CMinTable).
function CMaxTable:_index()
   return self.maxIdx
end

CMaxTable._isMax = true

function CMaxTable:updateOutput(input)
   if torch.type(input) ~= 'table' or #input == 0 then
      error(torch.type(self) .. ': input must be a non-empty table of tensors', 2)
   end
   local arrays = {}
   for i = 1, #input do
      if input[i]:nElement() ~= input[1]:nElement() then
         error(torch.type(self) .. ': input ' .. i .. ' does not match the size of input 1', 2)
      end
      arrays[i] = np(input[i])
   end
   self.output:resizeAs(input[1])
   self:_index():resizeAs(input[1])
   K.CMaxTable_updateOutput(np(self.output), np(self:_index()), self._isMax, unpack(arrays))
   return self.output
end

function CMaxTable:updateGradInput(input, gradOutput)
   local arrays = {}
   for i = 1, #input do
      self.gradInput[i] = self.gradInput[i] or input[i].new()
      self.gradInput[i]:resizeAs(input[i])
      arrays[i] = np(self.gradInput[i])
   end
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   K.CMaxTable_updateGradInput(np(gradOutput), np(self:_index()), unpack(arrays))
   return self.gradInput
end
