local SoftSign, parent = torch.class('nn.SoftSign', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ x / (1 + |x|). Buffers `temp` (forward) and `tempgrad` (backward) as in Torch7. ]]
function SoftSign:updateOutput(input)
   self.temp = self.temp or input.new()
   self.temp:resizeAs(input)
   self.output:resizeAs(input)
   K.SoftSign_updateOutput(np(input), np(self.output), np(self.temp))
   return self.output
end

function SoftSign:updateGradInput(input, gradOutput)
   self.tempgrad = self.tempgrad or input.new()
   self.tempgrad:resizeAs(input)
   self.gradInput:resizeAs(input)
   K.SoftSign_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.tempgrad))
   return self.gradInput
end

function SoftSign:clearState()
   nn.utils.clear(self, 'temp', 'tempgrad')
   return parent.clearState(self)
end
