local DotProduct, parent = torch.class('nn.DotProduct', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {a, b} -> <a, b> for two vectors (output of size 1) or row by row for two matrices. ]]
function DotProduct:__init()
   parent.__init(self)
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

-- Check a pair of equally sized vectors or matrices.
local function checkRowPair(name, input)
   if torch.type(input) ~= 'table' or #input < 2 or not torch.isTensor(input[1])
         or (input[1]:dim() ~= 1 and input[1]:dim() ~= 2)
         or not input[1]:isSameSizeAs(input[2]) then
      error(name .. ': input must be a table of two vectors or matrices of the same size', 3)
   end
end

function DotProduct:updateOutput(input)
   checkRowPair('nn.DotProduct', input)
   self.output:resize(input[1]:dim() == 1 and 1 or input[1]:size(1))
   K.DotProduct_updateOutput(np(input[1]), np(input[2]), np(self.output))
   return self.output
end

function DotProduct:updateGradInput(input, gradOutput)
   checkRowPair('nn.DotProduct', input)
   for i = 1, 2 do
      self.gradInput[i] = self.gradInput[i] or input[i].new()
      self.gradInput[i]:resizeAs(input[i])
   end
   K.DotProduct_updateGradInput(np(input[1]), np(input[2]), np(gradOutput),
      np(self.gradInput[1]), np(self.gradInput[2]))
   return self.gradInput
end

function DotProduct:clearState()
   if self.buffer then self.buffer:set() end
   return parent.clearState(self)
end
