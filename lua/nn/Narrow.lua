local Narrow, parent = torch.class('nn.Narrow', 'nn.Module')

--[[ The slice input:narrow(dimension, offset, length), copied. A negative dimension counts
from the end; a negative length leaves -length-1 elements out at the end; a negative offset
keeps the first size-length elements.
ARGS: dimension, offset (numbers), length (number, default 1) ]]
function Narrow:__init(dimension, offset, length)
   parent.__init(self)
   self.dimension = dimension
   self.index = offset
   self.length = length or 1
   if not dimension or not offset then
      error('nn.Narrow(dimension, offset, length): dimension and offset are required', 2)
   end
end

-- The dimension, offset and length this input is cut at.
function Narrow:_window(input)
   local dim = self.dimension < 0 and input:dim() + self.dimension + 1 or self.dimension
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.Narrow: dimension %d out of range for a %dD input',
         self.dimension, input:dim()), 3)
   end
   local length, index = self.length, self.index
   if length < 0 then length = input:size(dim) - self.index + self.length + 2 end
   if self.index < 0 then
      index = 1
      length = input:size(dim) - length
   end
   return dim, index, length
end

function Narrow:updateOutput(input)
   local output = input:narrow(self:_window(input))
   self.output = self.output:typeAs(output)
   self.output:resizeAs(output):copy(output)
   return self.output
end

function Narrow:updateGradInput(input, gradOutput)
   self.gradInput = self.gradInput:typeAs(input)
   self.gradInput:resizeAs(input):zero()
   self.gradInput:narrow(self:_window(input)):copy(gradOutput)
   return self.gradInput
end
