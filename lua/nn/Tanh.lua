local Tanh = torch.class('nn.Tanh', 'nn.Module')
local S = nn._small

--[[ Elementwise hyperbolic tangent. ]]
function Tanh:updateOutput(input)
   self.output:resizeAs(input)
   S.Tanh_updateOutput(input, self.output)
   return self.output
end

function Tanh:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   S.Tanh_updateGradInput(input, gradOutput, self.gradInput, self.output)
   return self.gradInput
end
