local DistKLDivCriterion, parent = torch.class('nn.DistKLDivCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Kullback-Leibler divergence of the target distribution from the input's
log-probabilities: sum of target * (log(target) - input) over target > 0 (mean over the
elements with sizeAverage, the default). ]]
function DistKLDivCriterion:__init()
   parent.__init(self)
   self.sizeAverage = true
end

-- Raise unless input and target have the same sizes.
local function check(input, target)
   if not input:isSameSizeAs(target) then
      error('nn.DistKLDivCriterion: input and target should have the same size', 3)
   end
end

function DistKLDivCriterion:updateOutput(input, target)
   check(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.DistKLDivCriterion_updateOutput(np(input), np(target), np(self.output_tensor),
      self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function DistKLDivCriterion:updateGradInput(input, target)
   check(input, target)
   self.gradInput:resizeAs(input)
   K.DistKLDivCriterion_updateGradInput(np(input), np(target), np(self.gradInput), self.sizeAverage)
   return self.gradInput
end
