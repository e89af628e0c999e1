local Tanh = torch.class('nn.Tanh', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise hyperbolic tangent. ]]
function Tanh:updateOutput(input)
   self.output:resizeAs(input)
   K.Tanh_updateOutput(np(input), np(self.output))
   return self.output
end

function Tanh:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   K.Tanh_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
