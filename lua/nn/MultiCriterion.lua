local MultiCriterion, parent = torch.class('nn.MultiCriterion', 'nn.Criterion')

--[[ Weighted sum of criteria that all see the same input and target. The weights are kept
in a DoubleStorage, as in Torch7. ]]
function MultiCriterion:__init()
   parent.__init(self)
   self.criterions = {}
   self.weights = torch.DoubleStorage()
end

--[[ Append a criterion.
ARGS: criterion, weight (default 1)
RETURN: self ]]
function MultiCriterion:add(criterion, weight)
   assert(criterion, 'nn.MultiCriterion: no criterion provided')
   weight = weight or 1
   table.insert(self.criterions, criterion)
   self.weights:resize(#self.criterions)
   self.weights[#self.criterions] = weight
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

function MultiCriterion:updateOutput(input, target)
   self.output = 0
   for i = 1, #self.criterions do
      self.output = self.output + self.weights[i] * self.criterions[i]:updateOutput(input, target)
   end
   return self.output
end

function MultiCriterion:updateGradInput(input, target)
   self.gradInput = nn.utils.recursiveResizeAs(self.gradInput, input)
   fill(self.gradInput, 0)
   for i = 1, #self.criterions do
      addScaled(self.gradInput, self.weights[i], self.criterions[i]:updateGradInput(input, target))
   end
   return self.gradInput
end

function MultiCriterion:type(typename, tensorCache)
   for _, criterion in ipairs(self.criterions) do
      criterion:type(typename, tensorCache)
   end
   return parent.type(self, typename, tensorCache)
end
