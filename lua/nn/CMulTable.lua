local CMulTable, parent = torch.class('nn.CMulTable', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {a, b, ...} -> a .* b .* ... ]]
function CMulTable:__init()
   parent.__init(self)
   self.gradInput = {}
end

local function checkInput(input)
   if torch.type(input) ~= 'table' or #input == 0 then
      error('nn.CMulTable: input must be a non-empty table of tensors', 3)
   end
   for i = 2, #input do
      if input[i]:nElement() ~= input[1]:nElement() then
         error('nn.CMulTable: input ' .. i .. ' does not match the size of input 1', 3)
      end
   end
end

function CMulTable:updateOutput(input)
   checkInput(input)
   self.output:resizeAs(input[1])
   local arrays = {}
   for i = 1, #input do arrays[i] = np(input[i]) end
   K.CMulTable_updateOutput(np(self.output), unpack(arrays))
   return self.output
end

function CMulTable:updateGradInput(input, gradOutput)
   checkInput(input)
   local arrays = {}
   for i = 1, #input do
      self.gradInput[i] = self.gradInput[i] or input[1].new()
      self.gradInput[i]:resizeAs(input[i])
      arrays[i] = np(input[i])
      arrays[#input + i] = np(self.gradInput[i])
   end
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   K.CMulTable_updateGradInput(np(gradOutput), #input, unpack(arrays, 1, 2 * #input))
   return self.gradInput
end

function CMulTable:clearState()
   if self.tout then self.tout:set() end
   return parent.clearState(self)
end
