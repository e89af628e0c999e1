local MultiLabelSoftMarginCriterion, parent = torch.class('nn.MultiLabelSoftMarginCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Multi-label logistic loss: with p = sigmoid(x),
-sum(w * (t * log(p) + (1 - t) * log(1 - p))) in its numerically stable form, averaged over
the elements with sizeAverage. The sigmoid of the last forward is kept in `sigmoid.output`.
ARGS: weights (1-D tensor, spread as in nn.BCECriterion; optional),
      sizeAverage (boolean, default true) ]]
function MultiLabelSoftMarginCriterion:__init(weights, sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
   if weights ~= nil then
      assert(weights:dim() == 1, 'nn.MultiLabelSoftMarginCriterion: weights must be a 1-D tensor')
      self.weights = weights
   end
   self.sigmoid = nn.Sigmoid()
end

function MultiLabelSoftMarginCriterion:updateOutput(input, target)
   self.sigmoid.output:resize(input:nElement())
   self.output = K.MultiLabelSoftMarginCriterion_updateOutput(np(input), np(target),
      self.sizeAverage, self.weights and np(self.weights), np(self.sigmoid.output))
   return self.output
end

function MultiLabelSoftMarginCriterion:updateGradInput(input, target)
   if self.sigmoid.output:nElement() ~= input:nElement() then
      error('nn.MultiLabelSoftMarginCriterion: updateGradInput needs a forward first', 2)
   end
   self.gradInput:resizeAs(input)
   K.MultiLabelSoftMarginCriterion_updateGradInput(np(input), np(target), np(self.gradInput),
      self.sizeAverage, self.weights and np(self.weights), np(self.sigmoid.output))
   return self.gradInput
end
