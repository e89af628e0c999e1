local Sum, parent = torch.class('nn.Sum', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Sum (or mean, with sizeAverage) over `dimension` (negative counts from the end). With
nInputDims, an input of nInputDims+1 dimensions is a batch and the dimension skips it; with
squeeze (default true) the summed dimension is removed.
ARGS: dimension (default 1), nInputDims (number or nil), sizeAverage (boolean, default false),
squeeze (boolean, default true) ]]
function Sum:__init(dimension, nInputDims, sizeAverage, squeeze)
   parent.__init(self)
   self.dimension = dimension or 1
   self.nInputDims = nInputDims
   self.sizeAverage = sizeAverage or false
   if squeeze ~= nil then
      assert(type(squeeze) == 'boolean', 'nn.Sum: squeeze has to be true or false')
      self.squeeze = squeeze
   else
      self.squeeze = true
   end
end

--[[ The positive dimension for this input. RETURN: number ]]
function Sum:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   if dimension < 1 or input:dim() < dimension then
      error(string.format('%s: dimension %d exceeds the %d input dimensions', torch.type(self),
         self.dimension, input:dim()), 3)
   end
   return dimension
end

function Sum:updateOutput(input)
   local dimension = self:_getPositiveDimension(input)
   if type(self.output) == 'number' then self.output = input.new() end
   local size = input:size()
   size[dimension] = 1
   self.output:resize(size)
   K.Sum_updateOutput(np(input), np(self.output), dimension - 1, self.sizeAverage or false)
   if (self.squeeze == nil or self.squeeze) and self.output:nDimension() > 1 then
      self.output:set(self.output:select(dimension, 1))
   end
   return self.output
end

function Sum:updateGradInput(input, gradOutput)
   local dimension = self:_getPositiveDimension(input)
   if gradOutput:nElement() * input:size(dimension) ~= input:nElement() then
      error(torch.type(self) .. ': gradOutput does not match the input', 2)
   end
   self.gradInput:resizeAs(input)
   K.Sum_updateGradInput(np(input), np(gradOutput), np(self.gradInput), dimension - 1,
      self.sizeAverage or false)
   return self.gradInput
end

function Sum:clearState()
   nn.utils.clear(self, '_gradOutput')
   return parent.clearState(self)
end
