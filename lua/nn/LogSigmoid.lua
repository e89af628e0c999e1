local LogSigmoid, parent = torch.class('nn.LogSigmoid', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ log(1 / (1 + exp(-x))), computed stably. The forward keeps exp(-m) + exp(-x - m),
m = max(0, -x), in the buffer `buffer` for the backward. ]]
function LogSigmoid:updateOutput(input)
   self.buffer = self.buffer or input.new()
   self.buffer:resizeAs(input)
   self.output:resizeAs(input)
   K.LogSigmoid_updateOutput(np(input), np(self.output), np(self.buffer))
   return self.output
end

function LogSigmoid:updateGradInput(input, gradOutput)
   if not self.buffer or self.buffer:nElement() ~= input:nElement() then
      error('nn.LogSigmoid: updateGradInput needs a forward pass on the same input first', 2)
   end
   self.gradInput:resizeAs(input)
   K.LogSigmoid_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.buffer))
   return self.gradInput
end

function LogSigmoid:clearState()
   if self.buffer then self.buffer:set() end
   return parent.clearState(self)
end
