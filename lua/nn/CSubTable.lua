local CSubTable, parent = torch.class('nn.CSubTable', 'nn.Module')
local S = nn._small

--[[ {a, b} -> a - b. ]]
function CSubTable:__init()
   parent.__init(self)
   self.gradInput = {}
end

local function checkPair(input)
   if torch.type(input) ~= 'table' or #input < 2
         or input[1]:nElement() ~= input[2]:nElement() then
      error('nn.CSubTable: input must be a table of two tensors of the same size', 3)
   end
end

function CSubTable:updateOutput(input)
   checkPair(input)
   self.output:resizeAs(input[1])
   S.CSubTable_updateOutput(input[1], input[2], self.output)
   return self.output
end

function CSubTable:updateGradInput(input, gradOutput)
   checkPair(input)
   self.gradInput[1] = self.gradInput[1] or input[1].new()
   self.gradInput[2] = self.gradInput[2] or input[1].new()
   self.gradInput[1]:resizeAs(input[1])
   self.gradInput[2]:resizeAs(input[2])
   S.CSubTable_updateGradInput(gradOutput, self.gradInput[1], self.gradInput[2])
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   return self.gradInput
end
