local Sigmoid = torch.class('nn.Sigmoid', 'nn.Module')
local S = nn._small

--[[ Elementwise logistic function 1 / (1 + exp(-x)). ]]
function Sigmoid:updateOutput(input)
   self.output:resizeAs(input)
   S.Sigmoid_updateOutput(input, self.output)
   return self.output
end

function Sigmoid:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   S.Sigmoid_updateGradInput(input, gradOutput, self.gradInput, self.output)
   return self.gradInput
end
