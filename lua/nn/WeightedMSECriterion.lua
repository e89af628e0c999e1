local WeightedMSECriterion, parent = torch.class('nn.WeightedMSECriterion', 'nn.MSECriterion')
local K, np = torch._bridge.K, torch._np

--[[ Mean squared error against a weighted target: the loss of nn.MSECriterion between input and
target * weight (elementwise). For a batch, a weight of one sample's shape applies to every
sample. ARGS: w (tensor, copied into `weight`) ]]
function WeightedMSECriterion:__init(w)
   parent.__init(self)
   if not torch.isTensor(w) then error('nn.WeightedMSECriterion: weight must be a tensor', 2) end
   self.weight = w:clone()
end

-- Fill self.buffer with target * weight, the weight repeated over the batch when it has one
-- dimension less than the input.
local function weightedTarget(self, input, target)
   if target:nElement() ~= input:nElement() then
      error('nn.WeightedMSECriterion: target and input must have the same number of elements', 3)
   end
   self.buffer = self.buffer or input.new()
   self.buffer:resizeAs(input):copy(target)
   local w = self.weight
   if input:dim() - 1 == w:dim() then
      if w:nElement() * input:size(1) ~= input:nElement() then
         error('nn.WeightedMSECriterion: weight size does not match one sample of the batch', 3)
      end
      local size = input:size()
      size[1] = 1
      w = w:contiguous():view(size):expandAs(self.buffer)
   elseif w:nElement() ~= input:nElement() then
      error('nn.WeightedMSECriterion: weight size does not match the input or one sample', 3)
   end
   self.buffer:cmul(w)
   return self.buffer
end

function WeightedMSECriterion:updateOutput(input, target)
   local buffer = weightedTarget(self, input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.MSECriterion_updateOutput(np(input), np(buffer), np(self.output_tensor), self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function WeightedMSECriterion:updateGradInput(input, target)
   local buffer = weightedTarget(self, input, target)
   self.gradInput:resizeAs(input)
   K.MSECriterion_updateGradInput(np(input), np(buffer), np(self.gradInput), self.sizeAverage)
   return self.gradInput
end
