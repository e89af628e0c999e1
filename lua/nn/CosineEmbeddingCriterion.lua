local CosineEmbeddingCriterion, parent = torch.class('nn.CosineEmbeddingCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Cosine embedding loss of pairs {x1, x2} (vectors or batches of rows) with labels y
(1 similar, -1 dissimilar; a tensor, or a number for a single pair): 1 - cos(x1, x2) for
y == 1, max(0, cos(x1, x2) - margin) for y == -1; averaged over the pairs with
sizeAverage (the default). The forward keeps w1, w22, w32, w and _outputs for the backward.
ARGS: margin (default 0) ]]
function CosineEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 0
   self.gradInput = { torch.Tensor(), torch.Tensor() }
   self.sizeAverage = true
end

-- y as a tensor (a number goes through the one-element buffer _y).
local function labels(self, input1, y)
   if type(y) == 'number' then
      self._y = self._y or input1.new(1)
      self._y[1] = y
      y = self._y
   end
   return y
end

function CosineEmbeddingCriterion:updateOutput(input, y)
   local input1, input2 = input[1], input[2]
   y = labels(self, input1, y)
   if not self.buffer then
      self.buffer = input1.new()
      self.w1, self.w22, self.w, self.w32 = input1.new(), input1.new(), input1.new(), input1.new()
      self._outputs = input1.new()
      self._idx = torch.ByteTensor()
   end
   local n = input1:dim() == 1 and 1 or input1:size(1)
   for _, b in ipairs({ self.w1, self.w22, self.w32, self.w }) do b:resize(n, 1) end
   self._outputs:resize(n)
   self.output = K.CosineEmbeddingCriterion_updateOutput(np(input1), np(input2), np(y),
      self.margin, self.sizeAverage and true or false, np(self.w1), np(self.w22), np(self.w32),
      np(self.w), np(self._outputs))
   return self.output
end

function CosineEmbeddingCriterion:updateGradInput(input, y)
   local v1, v2 = input[1], input[2]
   y = labels(self, v1, y)
   if not self.buffer then
      error('nn.CosineEmbeddingCriterion: updateGradInput needs a forward first', 2)
   end
   self.gradInput[1]:resizeAs(v1)
   self.gradInput[2]:resizeAs(v1)
   K.CosineEmbeddingCriterion_updateGradInput(np(v1), np(v2), np(y), np(self.gradInput[1]),
      np(self.gradInput[2]), self.sizeAverage and true or false, np(self.w1), np(self.w22),
      np(self.w32), np(self.w), np(self._outputs))
   return self.gradInput
end

function CosineEmbeddingCriterion:type(typename, tensorCache)
   self._idx = nil
   parent.type(self, typename, tensorCache)
   self._idx = torch.ByteTensor()
   return self
end
