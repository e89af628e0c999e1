local MultiMarginCriterion, parent = torch.class('nn.MultiMarginCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Multi-class hinge loss: for each sample, the sum over classes d other than the target y
of max(0, margin - x[y] + x[d])^p (times weights[y]), divided by the number of classes
(and averaged over the batch with sizeAverage, the default).
ARGS: p (1 or 2, default 1), weights (1-D tensor of class weights, optional),
      margin (default 1) ]]
function MultiMarginCriterion:__init(p, weights, margin)
   assert(p == nil or p == 1 or p == 2, 'nn.MultiMarginCriterion: only p = 1 and p = 2 supported')
   self.p = p or 1
   self.margin = margin or 1.0
   parent.__init(self)
   self.sizeAverage = true
   if weights then
      assert(weights:dim() == 1, 'nn.MultiMarginCriterion: weights must be a 1-D tensor')
      self.weights = weights
   end
end

-- The target as a LongTensor (a number goes through the one-element buffer target_tensor).
local function longTarget(self, target)
   if not torch.isTensor(target) then
      self.target_tensor = self.target_tensor or torch.LongTensor(1)
      self.target_tensor[1] = target
      target = self.target_tensor
   end
   return target:long()
end

function MultiMarginCriterion:updateOutput(input, target)
   target = longTarget(self, target)
   self.p = self.p or 1
   self.output_tensor = self.output_tensor or input.new(1)
   K.MultiMarginCriterion_updateOutput(np(input), np(target), np(self.output_tensor),
      self.sizeAverage, self.p, self.weights and np(self.weights), self.margin)
   self.output = self.output_tensor[1]
   return self.output
end

function MultiMarginCriterion:updateGradInput(input, target)
   target = longTarget(self, target)
   self.gradInput:resizeAs(input)
   K.MultiMarginCriterion_updateGradInput(np(input), np(target), np(self.gradInput),
      self.sizeAverage, self.p, self.weights and np(self.weights), self.margin)
   return self.gradInput
end
