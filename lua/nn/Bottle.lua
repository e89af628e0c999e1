local Bottle, parent = torch.class('nn.Bottle', 'nn.Decorator')

--[[ Apply `module`, which takes nInputDim-dimensional inputs and gives nOutputDim-dimensional
outputs, to an input with extra leading dimensions: they are merged into the first one for
the call and split again in the output.
ARGS: module, nInputDim (number, default 2), nOutputDim (number, default nInputDim) ]]
function Bottle:__init(module, nInputDim, nOutputDim)
   parent.__init(self, module)
   self.nInputDim = nInputDim or 2
   self.nOutputDim = nOutputDim or self.nInputDim
   self.dimDelta = self.nInputDim - self.nOutputDim
   self.inShape = torch.Tensor(self.nInputDim)
   self.outShape = torch.Tensor(self.nOutputDim)
end

local function shape(t)
   return torch.LongStorage(t:totable())
end

function Bottle:updateOutput(input)
   if not torch.isTensor(input) or input:dim() < self.nInputDim then
      error(string.format('nn.Bottle: input must be a tensor of at least %d dimensions',
         self.nInputDim), 2)
   end
   local module = self.modules[1]
   local nBatch = input:dim() - self.nInputDim
   if nBatch == 0 then
      self.output:set(self:rethrowErrors(module, 1, 'updateOutput', input))
      return self.output
   end
   local sizes = input:size():totable()
   local merged = 1
   for i = 1, nBatch do merged = merged * sizes[i] end
   local inner = { merged * sizes[nBatch + 1], unpack(sizes, nBatch + 2) }
   self.inShape:copy(torch.Tensor(inner))
   local output = self:rethrowErrors(module, 1, 'updateOutput',
      input:view(torch.LongStorage(inner)))
   if output:dim() ~= self.nOutputDim then
      error(string.format('nn.Bottle: the module gave %d output dimensions, expected %d',
         output:dim(), self.nOutputDim), 2)
   end
   local outSizes = output:size():totable()
   if outSizes[1] % merged ~= 0 then
      error(string.format('nn.Bottle: the module output has %d rows, not a multiple of the '
         .. '%d merged batch entries', outSizes[1], merged), 2)
   end
   self.outShape:copy(torch.Tensor(outSizes))
   local full = { unpack(sizes, 1, nBatch) }
   full[nBatch + 1] = outSizes[1] / merged
   for i = 2, #outSizes do full[nBatch + i] = outSizes[i] end
   self.output:set(output:view(torch.LongStorage(full)))
   return self.output
end

-- The input and gradOutput as the wrapped module saw them in updateOutput.
function Bottle:_inner(input, gradOutput)
   if input:dim() > self.nInputDim then
      return input:view(shape(self.inShape)), gradOutput:view(shape(self.outShape))
   end
   return input, gradOutput
end

function Bottle:updateGradInput(input, gradOutput)
   local module = self.modules[1]
   if not module.gradInput then
      self.gradInput = nil
      return nil
   end
   local x, g = self:_inner(input, gradOutput)
   local gradInput = self:rethrowErrors(module, 1, 'updateGradInput', x, g)
   if x ~= input then gradInput = gradInput:viewAs(input) end
   self.gradInput = self.gradInput or input.new()
   self.gradInput:set(gradInput)
   return self.gradInput
end

function Bottle:accGradParameters(input, gradOutput, scale)
   local x, g = self:_inner(input, gradOutput)
   self:rethrowErrors(self.modules[1], 1, 'accGradParameters', x, g, scale)
end

function Bottle:accUpdateGradParameters(input, gradOutput, lr)
   local x, g = self:_inner(input, gradOutput)
   self:rethrowErrors(self.modules[1], 1, 'accUpdateGradParameters', x, g, lr)
end

function Bottle:sharedAccUpdateGradParameters(input, gradOutput, lr)
   local x, g = self:_inner(input, gradOutput)
   self:rethrowErrors(self.modules[1], 1, 'sharedAccUpdateGradParameters', x, g, lr)
end
