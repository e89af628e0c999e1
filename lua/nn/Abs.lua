local Abs = torch.class('nn.Abs', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise absolute value. ]]
function Abs:updateOutput(input)
   self.output:resizeAs(input)
   K.Abs_updateOutput(np(input), np(self.output))
   return self.output
end

function Abs:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Abs: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Abs_updateGradInput(np(input), np(gradOutput), np(self.gradInput))
   return self.gradInput
end
