local Square = torch.class('nn.Square', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise square. ]]
function Square:updateOutput(input)
   self.output:resizeAs(input)
   K.Square_updateOutput(np(input), np(self.output))
   return self.output
end

function Square:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Square: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Square_updateGradInput(np(input), np(gradOutput), np(self.gradInput))
   return self.gradInput
end
