local MarginRankingCriterion, parent = torch.class('nn.MarginRankingCriterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Ranking loss of a pair {x1, x2} with label y (1: x1 should rank higher, -1: x2):
max(0, -y * (x1 - x2) + margin). Batches take tensors x1, x2, y (averaged over the pairs
with sizeAverage, the default); a single pair takes one-element tensors and a number y.
ARGS: margin (default 1) ]]
function MarginRankingCriterion:__init(margin)
   parent.__init(self)
   self.margin = margin or 1
   self.gradInput = { torch.Tensor(1), torch.Tensor(1) }
   self.sizeAverage = true
end

function MarginRankingCriterion:updateOutput(input, y)
   if torch.type(y) == 'number' then
      self.output = math.max(0, -y * (input[1][1] - input[2][1]) + self.margin)
      return self.output
   end
   self._output = self._output or input[1]:clone()
   self._output:resizeAs(input[1])
   self.output = K.MarginRankingCriterion_updateOutput(np(input[1]), np(input[2]), np(y),
      self.margin, self.sizeAverage and true or false, np(self._output))
   return self.output
end

function MarginRankingCriterion:updateGradInput(input, y)
   if torch.type(y) == 'number' then
      local dist = -y * (input[1][1] - input[2][1]) + self.margin
      if dist < 0 then
         self.gradInput[1][1] = 0
         self.gradInput[2][1] = 0
      else
         self.gradInput[1][1] = -y
         self.gradInput[2][1] = y
      end
      return self.gradInput
   end
   self.dist = self.dist or input[1].new()
   self.dist:resizeAs(input[1])
   self.mask = self.mask or input[1].new()
   self.mask:resizeAs(input[1])
   self.gradInput[1]:resizeAs(input[1])
   self.gradInput[2]:resizeAs(input[1])
   K.MarginRankingCriterion_updateGradInput(np(input[1]), np(input[2]), np(y),
      np(self.gradInput[1]), np(self.gradInput[2]), self.margin,
      self.sizeAverage and true or false, np(self.dist), np(self.mask))
   return self.gradInput
end
