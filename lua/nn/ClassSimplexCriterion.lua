local ClassSimplexCriterion, parent = torch.class('nn.ClassSimplexCriterion', 'nn.MSECriterion')

-- Vertices of a regular simplex with n + 1 vertices in R^n, centred on the origin, every
-- vertex at distance 1 from it: an (n+1) x n matrix, one vertex per row. Row k is zero
-- after column k, its k-th entry is chosen to make its norm 1, and the rows below it
-- share one value in column k, chosen to make their dot product with row k equal -1/n.
local function simplexVertices(n)
   local a = torch.zeros(n + 1, n)
   local sumSq = 0 -- squared norm of row k before its diagonal entry
   for k = 1, n do
      local diag = math.sqrt(1 - sumSq)
      local below = (diag * diag - 1 - 1 / n) / diag
      a[k][k] = diag
      a:narrow(1, k + 1, n + 1 - k):select(2, k):fill(below)
      sumSq = sumSq + below * below
   end
   return a
end

--[[ Mean squared distance between the input and the simplex vertex of the target class:
class i is embedded as row i of `simplex`, a regular simplex with nClasses vertices padded
with a zero column to nClasses coordinates.
ARGS: nClasses (integer > 1) ]]
function ClassSimplexCriterion:__init(nClasses)
   parent.__init(self)
   if type(nClasses) ~= 'number' or nClasses < 2 or nClasses % 1 ~= 0 then
      error('nn.ClassSimplexCriterion: nClasses must be an integer greater than 1', 2)
   end
   self.nClasses = nClasses
   self.simplex = torch.cat(simplexVertices(nClasses - 1), torch.zeros(nClasses, 1), 2)
   self._target = torch.Tensor(nClasses)
end

-- Fill self._target with the vertex of a class number, or one vertex per row for a 1D
-- tensor of class numbers.
local function embedTarget(self, input, target)
   if type(target) == 'number' then
      if target < 1 or target > self.nClasses or target % 1 ~= 0 then
         error(string.format('nn.ClassSimplexCriterion: target %s out of range [1, %d]',
            tostring(target), self.nClasses), 3)
      end
      self._target:resize(self.nClasses):copy(self.simplex[target])
   elseif torch.isTensor(target) and target:dim() == 1 then
      self._target:index(self.simplex, 1, target:long())
   else
      error('nn.ClassSimplexCriterion: target must be a number or a 1D tensor of classes', 3)
   end
   if input:nElement() ~= self._target:nElement() then
      error(string.format('nn.ClassSimplexCriterion: input has %d elements, expected %d ' ..
         '(nClasses per target)', input:nElement(), self._target:nElement()), 3)
   end
end

function ClassSimplexCriterion:updateOutput(input, target)
   embedTarget(self, input, target)
   return parent.updateOutput(self, input, self._target)
end

function ClassSimplexCriterion:updateGradInput(input, target)
   embedTarget(self, input, target)
   return parent.updateGradInput(self, input, self._target)
end

--[[ Dot products of each input row with every class vertex.
ARGS: input (vector or nSamples x nClasses matrix) RETURN: nSamples x nClasses matrix ]]
function ClassSimplexCriterion:getPredictions(input)
   if input:dim() == 1 then input = input:view(1, -1) end
   return torch.mm(input, self.simplex:t())
end

--[[ The class with the largest prediction for each sample.
ARGS: input RETURN: LongTensor of nSamples class numbers ]]
function ClassSimplexCriterion:getTopPrediction(input)
   local scores = self:getPredictions(input)
   local _, best = scores:max(scores:dim())
   return best:view(-1)
end
