local L1Cost, parent = torch.class('nn.L1Cost', 'nn.Criterion')

--[[ Sum of the absolute values of the input (an L1 penalty as a criterion; the target is
ignored). The gradient is the sign of the input, 0 where it is 0. ]]
function L1Cost:__init()
   parent.__init(self)
end

function L1Cost:updateOutput(input)
   if not torch.isTensor(input) then error('nn.L1Cost: input must be a tensor', 2) end
   self.output = input:norm(1)
   return self.output
end

function L1Cost:updateGradInput(input)
   if not torch.isTensor(input) then error('nn.L1Cost: input must be a tensor', 2) end
   self.gradInput:resizeAs(input):sign(input)
   return self.gradInput
end

--[[ Drop the buffers (including `output_tensor`, kept by files written with Torch7).
RETURN: self ]]
function L1Cost:clearState()
   if self.output_tensor then self.output_tensor:set() end
   return nn.utils.clear(self, 'gradInput')
end
