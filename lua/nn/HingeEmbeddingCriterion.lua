local HingeEmbeddingCriterion, parent = torch.class('nn.HingeEmbeddingCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Hinge embedding loss of distances `input` with labels y (1 similar, -1 dissimilar):
x where y == 1, max(0, margin - x) where y == -1; summed, or averaged with sizeAverage
(the default). y may be a tensor like input or a number (one-element input).
ARGS: margin (default 1) ]]
function HingeEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.sizeAverage = true
end

-- y as a tensor (a number goes through the one-element buffer ty).
local function labels(self, input, y)
   if not torch.isTensor(y) then
      self.ty = self.ty or input.new():resize(1)
      self.ty[1] = y
      y = self.ty
   end
   return y
end

function HingeEmbeddingCriterion:updateOutput(input, y)
   y = labels(self, input, y)
   self.buffer = self.buffer or input.new()
   self.buffer:resizeAs(input)
   self.output = K.HingeEmbeddingCriterion_updateOutput(np(input), np(y), np(self.buffer),
      self.sizeAverage == nil or self.sizeAverage == true, self.margin)
   return self.output
end

function HingeEmbeddingCriterion:updateGradInput(input, y)
   y = labels(self, input, y)
   self.gradInput:resizeAs(input)
   K.HingeEmbeddingCriterion_updateGradInput(np(input), np(y), np(self.gradInput),
      self.sizeAverage == nil or self.sizeAverage == true, self.margin)
   return self.gradInput
end
