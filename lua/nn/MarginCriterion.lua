local MarginCriterion, parent = torch.class('nn.MarginCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Two-class hinge loss: sum (mean with sizeAverage, the default) of
max(0, margin - input * target), targets 1 or -1.
ARGS: margin (default 1) ]]
function MarginCriterion:__init(margin)
   parent.__init(self)
   self.sizeAverage = true
   self.margin = margin or 1
end

function MarginCriterion:updateOutput(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.MarginCriterion_updateOutput(np(input), np(target), np(self.output_tensor), self.sizeAverage,
      self.margin)
   self.output = self.output_tensor[1]
   return self.output
end

function MarginCriterion:updateGradInput(input, target)
   self.gradInput:resizeAs(input)
   K.MarginCriterion_updateGradInput(np(input), np(target), np(self.gradInput), self.sizeAverage,
      self.margin)
   return self.gradInput
end
