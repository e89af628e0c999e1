local MultiLabelMarginCriterion, parent = torch.class('nn.MultiLabelMarginCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Multi-label hinge loss. Each target row lists the sample's 1-based labels, ended by
the first 0 (e.g. {3, 1, 0, 0}); for every label j and every non-label class d the loss
adds max(0, 1 - x[j] + x[d]), divided by the number of classes (and averaged over the
batch with sizeAverage, the default). `isTarget` marks the labels of the last forward. ]]
function MultiLabelMarginCriterion:__init()
   parent.__init(self)
   self.sizeAverage = true
   self.isTarget = torch.Tensor()
end

function MultiLabelMarginCriterion:updateOutput(input, target)
   target = target:long()
   self.output_tensor = self.output_tensor or input.new(1)
   self.isTarget:resize(target:size())
   K.MultiLabelMarginCriterion_updateOutput(np(input), np(target), np(self.output_tensor),
      np(self.isTarget), self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function MultiLabelMarginCriterion:updateGradInput(input, target)
   target = target:long()
   self.gradInput:resizeAs(input)
   K.MultiLabelMarginCriterion_updateGradInput(np(input), np(target), np(self.gradInput),
      np(self.isTarget), self.sizeAverage)
   return self.gradInput
end
