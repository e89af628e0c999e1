local SoftMarginCriterion, parent = torch.class('nn.SoftMarginCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Two-class logistic loss: sum (mean with sizeAverage, the default) of
log(1 + exp(-input * target)), targets 1 or -1. ]]
function SoftMarginCriterion:__init()
   parent.__init(self)
   self.sizeAverage = true
end

function SoftMarginCriterion:updateOutput(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.SoftMarginCriterion_updateOutput(np(input), np(target), np(self.output_tensor),
      self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function SoftMarginCriterion:updateGradInput(input, target)
   self.gradInput:resizeAs(input)
   K.SoftMarginCriterion_updateGradInput(np(input), np(target), np(self.gradInput),
      self.sizeAverage)
   return self.gradInput
end
