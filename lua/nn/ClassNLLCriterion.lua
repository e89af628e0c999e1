local ClassNLLCriterion, parent = torch.class('nn.ClassNLLCriterion', 'nn.Criterion')
local S = nn._small

--[[ Negative log-likelihood of the target classes given log-probabilities.
ARGS: weights (1-D tensor of class weights, optional), sizeAverage (default true),
      ignoreIndex (target value that counts for nothing, default -100) ]]
function ClassNLLCriterion:__init(weights, sizeAverage, ignoreIndex)
   parent.__init(self)
   if sizeAverage == nil then sizeAverage = true end
   self.sizeAverage = sizeAverage
   self.ignoreIndex = ignoreIndex or -100
   if weights then
      assert(weights:dim() == 1, 'nn.ClassNLLCriterion: weights must be a 1-D tensor')
      self.weights = weights
   end
   self.output_tensor = torch.Tensor(1):zero()
   self.total_weight_tensor = torch.Tensor(1):fill(1)
   self.target = torch.LongTensor(1):zero()
end

function ClassNLLCriterion:__len()
   return self.weights and self.weights:size(1) or 0
end

-- Keep the target as a LongTensor in self.target (a number becomes a one-element tensor).
local function setTarget(self, target)
   if type(target) == 'number' then
      self.target = self.target:long()
      self.target:resize(1)
      self.target[1] = target
   elseif torch.isTensor(target) then
      self.target = target:long()
   else
      error('nn.ClassNLLCriterion: target must be a number or a tensor of class indices, got '
         .. (torch.typename(target) or type(target)), 3)
   end
end

local function check(input)
   if input:dim() ~= 1 and input:dim() ~= 2 then
      error('nn.ClassNLLCriterion: input must be a 1D or 2D tensor', 3)
   end
end

function ClassNLLCriterion:updateOutput(input, target)
   check(input)
   setTarget(self, target)
   S.ClassNLLCriterion_updateOutput(input, self.target, self.output_tensor, self.sizeAverage,
      self.weights, self.total_weight_tensor, self.ignoreIndex)
   self.output = self.output_tensor[1]
   return self.output, self.total_weight_tensor[1]
end

function ClassNLLCriterion:updateGradInput(input, target)
   check(input)
   setTarget(self, target)
   self.gradInput:resizeAs(input)
   S.ClassNLLCriterion_updateGradInput(input, self.target, self.gradInput, self.sizeAverage,
      self.weights, self.total_weight_tensor, self.ignoreIndex)
   return self.gradInput
end
