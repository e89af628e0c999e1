local Select, parent = torch.class('nn.Select', 'nn.Module')

--[[ input:select(dimension, index), copied; negative values count from the end.
ARGS: dimension, index (numbers) ]]
function Select:__init(dimension, index)
   parent.__init(self)
   self.dimension = dimension
   self.index = index
end

-- The positive dimension and index for this input.
function Select:_where(input)
   local dim = self.dimension < 0 and input:dim() + self.dimension + 1 or self.dimension
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.Select: dimension %d out of range for a %dD input',
         self.dimension, input:dim()), 3)
   end
   local index = self.index < 0 and input:size(dim) + self.index + 1 or self.index
   return dim, index
end

function Select:updateOutput(input)
   local output = input:select(self:_where(input))
   self.output:resizeAs(output)
   return self.output:copy(output)
end

function Select:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input):zero()
   self.gradInput:select(self:_where(input)):copy(gradOutput)
   return self.gradInput
end
