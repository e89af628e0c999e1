local Max, parent = torch.class('nn.Max', 'nn.Module')

--[[ Largest value along `dimension` (negative counts from the end). With nInputDims, an
input of nInputDims+1 dimensions is a batch and the dimension skips it.
ARGS: dimension (number, default 1), nInputDims (number or nil) ]]
function Max:__init(dimension, nInputDims)
   parent.__init(self)
   self.dimension = dimension or 1
   self.nInputDims = nInputDims
end

--[[ The positive dimension for this input. RETURN: number ]]
function Max:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   if dimension < 1 or dimension > input:dim() then
      error(string.format('%s: dimension %d out of range for a %dD input', torch.type(self),
         self.dimension, input:dim()), 3)
   end
   return dimension
end

function Max:_lazyInit()
   self._output = self._output or self.output.new()
   self._indices = self._indices or torch.LongTensor()
end

-- The reduction (torch.max or torch.min) this class applies.
Max._reduce = torch.max

function Max:updateOutput(input)
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   self._reduce(self._output, self._indices, input, dimension)
   if input:dim() > 1 then
      self.output:set(self._output:select(dimension, 1))
   else
      self.output:set(self._output)
   end
   return self.output
end

function Max:updateGradInput(input, gradOutput)
   self:_lazyInit()
   local dimension = self:_getPositiveDimension(input)
   local gradOutputView = gradOutput
   if input:dim() > 1 then gradOutputView = gradOutput:unsqueeze(dimension) end
   self.gradInput:resizeAs(input):zero():scatter(dimension, self._indices, gradOutputView)
   return self.gradInput
end

function Max:type(typename, tensorCache)
   self._indices = nil
   parent.type(self, typename, tensorCache)
   return self
end

function Max:clearState()
   nn.utils.clear(self, '_indices', '_output')
   return parent.clearState(self)
end
