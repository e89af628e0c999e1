local PairwiseDistance, parent = torch.class('nn.PairwiseDistance', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {a, b} -> ||a - b||_p for two vectors (output of size 1) or row by row for two
matrices. ARGS: p (number, default 2) ]]
function PairwiseDistance:__init(p)
   parent.__init(self)
   self.gradInput = {}
   self.diff = torch.Tensor()
   self.norm = p or 2
end

local function checkPair(input)
   if torch.type(input) ~= 'table' or #input < 2 or not torch.isTensor(input[1])
         or (input[1]:dim() ~= 1 and input[1]:dim() ~= 2)
         or input[1]:nElement() ~= input[2]:nElement() then
      error('nn.PairwiseDistance: input must be a table of two vectors or matrices of the '
         .. 'same size', 3)
   end
end

function PairwiseDistance:updateOutput(input)
   checkPair(input)
   self.output:resize(input[1]:dim() == 1 and 1 or input[1]:size(1))
   K.PairwiseDistance_updateOutput(np(input[1]), np(input[2]), np(self.output), self.norm)
   return self.output
end

function PairwiseDistance:updateGradInput(input, gradOutput)
   checkPair(input)
   for i = 1, 2 do
      self.gradInput[i] = self.gradInput[i] or input[i].new()
      self.gradInput[i]:resize(input[i]:size())
   end
   K.PairwiseDistance_updateGradInput(np(input[1]), np(input[2]), np(gradOutput),
      np(self.gradInput[1]), np(self.gradInput[2]), np(self.output), self.norm)
   return self.gradInput
end

function PairwiseDistance:clearState()
   nn.utils.clear(self, 'diff', 'outExpand', 'grad', 'ones')
   return parent.clearState(self)
end
