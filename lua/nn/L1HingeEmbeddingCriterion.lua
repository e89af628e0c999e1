local L1HingeEmbeddingCriterion, parent = torch.class('nn.L1HingeEmbeddingCriterion',
   'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ L1 hinge embedding loss of a pair {x1, x2} with label y (a number): d = ||x1 - x2||_1
for y == 1, max(0, margin - d) for y == -1. Where x1 and x2 are equal the gradient's sign
is drawn with torch.random(2), as in Torch7.
ARGS: margin (default 1) ]]
function L1HingeEmbeddingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

function L1HingeEmbeddingCriterion:updateOutput(input, y)
   self.output = K.L1HingeEmbeddingCriterion_updateOutput(np(input[1]), np(input[2]), y == -1,
      self.margin)
   return self.output
end

function L1HingeEmbeddingCriterion:updateGradInput(input, y)
   local g1, g2 = self.gradInput[1], self.gradInput[2]
   g1:resizeAs(input[1])
   g2:resizeAs(input[2])
   local a, b = np(input[1]), np(input[2])
   local ties = K.L1HingeEmbeddingCriterion_updateGradInput(a, b, np(g1), np(g2), y == -1,
      self.margin, nil)
   if ties > 0 then
      -- One sign per tie, from the torch generator, in row-major order.
      local draws = torch.Tensor(ties):random(1, 2)
      K.L1HingeEmbeddingCriterion_updateGradInput(a, b, np(g1), np(g2), y == -1, self.margin,
         np(draws))
   end
   return self.gradInput
end
