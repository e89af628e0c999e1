local Exp = torch.class('nn.Exp', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise exponential. ]]
function Exp:updateOutput(input)
   self.output:resizeAs(input)
   K.Exp_updateOutput(np(input), np(self.output))
   return self.output
end

function Exp:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Exp: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Exp_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
