local CMulTable, parent = torch.class('nn.CMulTable', 'nn.Module')
local S = nn._small

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
   S.CMulTable_updateOutput(self.output, input)
   return self.output
end

function CMulTable:updateGradInput(input, gradOutput)
   checkInput(input)
   for i = 1, #input do
      self.gradInput[i] = self.gradInput[i] or input[1].new()
      self.gradInput[i]:resizeAs(input[i])
   end
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   S.CMulTable_updateGradInput(gradOutput, input, self.gradInput)
   return self.gradInput
end

function CMulTable:clearState()
   if self.tout then self.tout:set() end
   return parent.clearState(self)
end
