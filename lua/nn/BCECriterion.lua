local BCECriterion, parent = torch.class('nn.BCECriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Binary cross-entropy of probabilities `input` (in [0, 1]) against targets in {0, 1}:
-sum(w * (t * log(x + 1e-12) + (1 - t) * log(1 - x + 1e-12))), mean with sizeAverage.
ARGS: weights (1-D tensor: one per element of a 1-D target, one per column of a 2-D
      target; optional), sizeAverage (boolean, default true) ]]
function BCECriterion:__init(weights, sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
   if weights ~= nil then
      assert(weights:dim() == 1, 'nn.BCECriterion: weights must be a 1-D tensor')
      self.weights = weights
   end
end

function BCECriterion:__len()
   return self.weights and self.weights:size(1) or 0
end

local function check(input, target)
   if input:nElement() ~= target:nElement() then
      error('nn.BCECriterion: input and target size mismatch', 3)
   end
end

function BCECriterion:updateOutput(input, target)
   check(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.BCECriterion_updateOutput(np(input), np(target), np(self.output_tensor), self.sizeAverage,
      self.weights and np(self.weights))
   self.output = self.output_tensor[1]
   return self.output
end

function BCECriterion:updateGradInput(input, target)
   check(input, target)
   self.gradInput:resizeAs(input)
   K.BCECriterion_updateGradInput(np(input), np(target), np(self.gradInput), self.sizeAverage,
      self.weights and np(self.weights))
   return self.gradInput
end
