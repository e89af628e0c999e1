local AbsCriterion, parent = torch.class('nn.AbsCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Sum (or mean, with sizeAverage) of absolute differences.
ARGS: sizeAverage (boolean, default true) ]]
function AbsCriterion:__init(sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
end

function AbsCriterion:updateOutput(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.AbsCriterion_updateOutput(np(input), np(target), np(self.output_tensor), self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function AbsCriterion:updateGradInput(input, target)
   self.gradInput:resizeAs(input)
   K.AbsCriterion_updateGradInput(np(input), np(target), np(self.gradInput), self.sizeAverage)
   return self.gradInput
end
