local Constant, parent = torch.class('nn.Constant', 'nn.Module')

--[[ Output a constant whatever the input; the gradient with respect to the input is zero.
With nInputDim, an input with more dimensions is a batch and the value is repeated once
per sample. ARGS: value (number or tensor; a number becomes a one-element tensor),
nInputDim (number or nil) ]]
function Constant:__init(value, nInputDim)
   parent.__init(self)
   if type(value) == 'number' then value = torch.Tensor({ value }) end
   if not torch.isTensor(value) then
      error('nn.Constant: value must be a number or a tensor, got ' .. torch.type(value), 2)
   end
   self.value = value
   self.nInputDim = nInputDim
end

function Constant:updateOutput(input)
   if self.nInputDim and input:dim() > self.nInputDim then
      local dims = self.value:size():totable()
      table.insert(dims, 1, input:size(1))
      self.output:resize(torch.LongStorage(dims))
      dims[1] = 1
      self.output:copy(self.value:view(torch.LongStorage(dims)):expandAs(self.output))
   else
      self.output:resize(self.value:size()):copy(self.value)
   end
   return self.output
end

function Constant:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput:resizeAs(input):zero()
   return self.gradInput
end
