local ParallelCriterion, parent = torch.class('nn.ParallelCriterion', 'nn.Criterion')

--[[ Weighted sum of criteria, the i-th applied to input[i] and target[i] (or to the whole
target with repeatTarget).
ARGS: repeatTarget (boolean: every criterion gets the same target) ]]
function ParallelCriterion:__init(repeatTarget)
   parent.__init(self)
   self.criterions = {}
   self.weights = {}
   self.gradInput = {}
   self.repeatTarget = repeatTarget
end

--[[ Append a criterion.
ARGS: criterion, weight (default 1)
RETURN: self ]]
function ParallelCriterion:add(criterion, weight)
   assert(criterion, 'nn.ParallelCriterion: no criterion provided')
   weight = weight or 1
   table.insert(self.criterions, criterion)
   table.insert(self.weights, weight)
   return self
end

-- Set every tensor of a nested table to `value`.
local function fill(t, value)
   if torch.isTensor(t) then
      t:fill(value)
   else
      for _, v in pairs(t) do fill(v, value) end
   end
   return t
end

-- t1 = t1 + value * t2 over nested tables of tensors.
local function addScaled(t1, value, t2)
   if torch.isTensor(t1) then
      t1:add(value, t2)
   else
      for k in pairs(t2) do addScaled(t1[k], value, t2[k]) end
   end
   return t1
end

function ParallelCriterion:updateOutput(input, target)
   self.output = 0
   for i, criterion in ipairs(self.criterions) do
      local t = self.repeatTarget and target or target[i]
      self.output = self.output + self.weights[i] * criterion:updateOutput(input[i], t)
   end
   return self.output
end

function ParallelCriterion:updateGradInput(input, target)
   self.gradInput = nn.utils.recursiveResizeAs(self.gradInput, input)
   fill(self.gradInput, 0)
   for i, criterion in ipairs(self.criterions) do
      local t = self.repeatTarget and target or target[i]
      addScaled(self.gradInput[i], self.weights[i], criterion:updateGradInput(input[i], t))
   end
   return self.gradInput
end

function ParallelCriterion:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end
