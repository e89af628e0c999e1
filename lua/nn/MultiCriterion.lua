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

function MultiCriterion:updateOutput(input, target)
   self.output = 0
   for i = 1, #self.criterions do
      self.output = self.output + self.weights[i] * self.criterions[i]:updateOutput(input, target)
   end
   return self.output
end

function MultiCriterion:updateGradInput(input, target)
   self.gradInput = nn.utils.recursiveResizeAs(self.gradInput, input)
   nn.utils.recursiveFill(self.gradInput, 0)
   for i = 1, #self.criterions do
      nn.utils.recursiveAdd(self.gradInput, self.weights[i],
         self.criterions[i]:updateGradInput(input, target))
   end
   return self.gradInput
end

function MultiCriterion:type(typename, tensorCache)
   for _, criterion in ipairs(self.criterions) do
      criterion:type(typename, tensorCache)
   end
   return parent.type(self, typename, tensorCache)
end
