local SpatialClassNLLCriterion, parent = torch.class('nn.SpatialClassNLLCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ nn.ClassNLLCriterion at every location of a batch of maps: input log-probabilities
(nbatch, nclasses, h, w), target classes (nbatch, h, w).
ARGS: weights (1-D tensor of class weights, optional), sizeAverage (default true) ]]
function SpatialClassNLLCriterion:__init(weights, sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
   if weights then
      assert(weights:dim() == 1, 'nn.SpatialClassNLLCriterion: weights must be a 1-D tensor')
      self.weights = weights
   end
   self.output_tensor = torch.zeros(1)
   self.total_weight_tensor = torch.ones(1)
   self.target = torch.zeros(1):long()
end

function SpatialClassNLLCriterion:__len()
   return self.weights and self.weights:size(1) or 0
end

-- Keep the target as a LongTensor in self.target.
local function setTarget(self, target)
   if type(target) == 'number' then
      self.target = self.target:long()
      self.target[1] = target
   else
      self.target = target:long()
   end
end

function SpatialClassNLLCriterion:updateOutput(input, target)
   setTarget(self, target)
   K.SpatialClassNLLCriterion_updateOutput(np(input), np(self.target), np(self.output_tensor),
      self.sizeAverage, self.weights and np(self.weights), np(self.total_weight_tensor))
   self.output = self.output_tensor[1]
   return self.output, self.total_weight_tensor[1]
end

function SpatialClassNLLCriterion:updateGradInput(input, target)
   setTarget(self, target)
   self.gradInput:resizeAs(input)
   K.SpatialClassNLLCriterion_updateGradInput(np(input), np(self.target), np(self.gradInput),
      self.sizeAverage, self.weights and np(self.weights), np(self.total_weight_tensor))
   return self.gradInput
end
