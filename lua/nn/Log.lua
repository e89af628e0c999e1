local Log = torch.class('nn.Log', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise natural logarithm. ]]
function Log:updateOutput(input)
   self.output:resizeAs(input)
   K.Log_updateOutput(np(input), np(self.output))
   return self.output
end

function Log:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Log: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Log_updateGradInput(np(input), np(gradOutput), np(self.gradInput))
   return self.gradInput
end
