local Sigmoid = torch.class('nn.Sigmoid', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise logistic function 1 / (1 + exp(-x)). ]]
function Sigmoid:updateOutput(input)
   self.output:resizeAs(input)
   K.Sigmoid_updateOutput(np(input), np(self.output))
   return self.output
end

function Sigmoid:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   K.Sigmoid_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
