local CosineDistance, parent = torch.class('nn.CosineDistance', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {a, b} -> <a, b> / (||a|| ||b||) for two vectors (output of size 1) or row by row for
two matrices. ]]
function CosineDistance:__init()
   parent.__init(self)
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

local function checkPair(input)
   if torch.type(input) ~= 'table' or #input < 2 or not torch.isTensor(input[1])
         or (input[1]:dim() ~= 1 and input[1]:dim() ~= 2)
         or input[1]:nElement() ~= input[2]:nElement() then
      error('nn.CosineDistance: input must be a table of two vectors or matrices of the same '
         .. 'size', 3)
   end
end

function CosineDistance:updateOutput(input)
   checkPair(input)
   self.output:resize(input[1]:dim() == 1 and 1 or input[1]:size(1))
   K.CosineDistance_updateOutput(np(input[1]), np(input[2]), np(self.output))
   return self.output
end

function CosineDistance:updateGradInput(input, gradOutput)
   checkPair(input)
   for i = 1, 2 do
      self.gradInput[i] = self.gradInput[i] or input[1].new()
      self.gradInput[i]:resizeAs(input[1])
   end
   K.CosineDistance_updateGradInput(np(input[1]), np(input[2]), np(gradOutput),
      np(self.gradInput[1]), np(self.gradInput[2]))
   return self.gradInput
end

function CosineDistance:clearState()
   nn.utils.clear(self, { 'buffer', 'w1', 'w22', 'w', 'w32', 'ones' })
   return parent.clearState(self)
end
