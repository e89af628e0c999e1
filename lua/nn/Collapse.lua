local Collapse, parent = torch.class('nn.Collapse', 'nn.Module')

--[[ Flatten all dimensions of a sample into one: an input with more than nInputDim
dimensions keeps its first (batch) dimension, any other input becomes a vector. A
non-contiguous input is copied first. ARGS: nInputDim (number of dimensions of a sample) ]]
function Collapse:__init(nInputDim)
   parent.__init(self)
   self.nInputDim = nInputDim
end

function Collapse:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.Collapse: input must be a tensor, got ' .. torch.type(input), 2)
   end
   if not self.nInputDim then error('nn.Collapse: nInputDim is not set', 2) end
   if not input:isContiguous() then
      self._input = self._input or input.new()
      self._input:resizeAs(input):copy(input)
      input = self._input
   end
   if input:dim() > self.nInputDim then
      self.output:view(input, input:size(1), -1)
   else
      self.output:view(input, -1)
   end
   return self.output
end

function Collapse:updateGradInput(input, gradOutput)
   self.gradInput:view(gradOutput:contiguous(), input:size())
   return self.gradInput
end

--[[ Drop the copy of a non-contiguous input, and the output and gradInput views.
RETURN: self ]]
function Collapse:clearState()
   self._input = nil
   return parent.clearState(self)
end
