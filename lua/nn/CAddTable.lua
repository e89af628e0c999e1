local CAddTable, parent = torch.class('nn.CAddTable', 'nn.Module')
local S = nn._small

--[[ Sum of the tensors of the input table. ARGS: ip (boolean: write into input[1]) ]]
function CAddTable:__init(ip)
   parent.__init(self)
   self.inplace = ip
   self.gradInput = {}
end

function CAddTable:updateOutput(input)
   if torch.type(input) ~= 'table' or #input == 0 then
      error('nn.CAddTable: input must be a non-empty table of tensors', 2)
   end
   if self.inplace then self.output:set(input[1]) else self.output:resizeAs(input[1]) end
   S.CAddTable_updateOutput(self.output, input)
   return self.output
end

function CAddTable:updateGradInput(input, gradOutput)
   local copies = {}
   for i = 1, #input do
      self.gradInput[i] = self.gradInput[i] or input[1].new()
      if self.inplace then
         self.gradInput[i]:set(gradOutput)
      else
         self.gradInput[i]:resizeAs(input[i])
         copies[#copies + 1] = self.gradInput[i]
      end
   end
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   if #copies > 0 then S.CAddTable_updateGradInput(gradOutput, copies) end
   return self.gradInput
end
