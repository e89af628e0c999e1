local Parallel, parent = torch.class('nn.Parallel', 'nn.Container')

--[[ Apply the i-th child to slice i of the input along `inputDimension` and join the
outputs along `outputDimension`. ARGS: inputDimension, outputDimension (numbers) ]]
function Parallel:__init(inputDimension, outputDimension)
   parent.__init(self)
   self.modules = {}
   self.inputDimension = inputDimension
   self.outputDimension = outputDimension
end

function Parallel:updateOutput(input)
   local n = input:size(self.inputDimension)
   local odim, outs = self.outputDimension, {}
   self.totalOutputSize = self.totalOutputSize or torch.LongStorage()
   local total = self.totalOutputSize
   for i = 1, n do
      local out = self:rethrowErrors(self.modules[i], i, 'updateOutput',
         input:select(self.inputDimension, i))
      outs[i] = out
      if i == 1 then
         total:resize(out:dim()):copy(out:size())
      else
         total[odim] = total[odim] + out:size(odim)
      end
   end
   self.output:resize(total)
   local offset = 1
   for i = 1, n do
      local size = outs[i]:size(odim)
      self.output:narrow(odim, offset, size):copy(outs[i])
      offset = offset + size
   end
   return self.output
end

function Parallel:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input)
   local offset = 1
   for i = 1, input:size(self.inputDimension) do
      local module = self.modules[i]
      local size = module.output:size(self.outputDimension)
      local gi = self:rethrowErrors(module, i, 'updateGradInput',
         input:select(self.inputDimension, i),
         gradOutput:narrow(self.outputDimension, offset, size))
      self.gradInput:select(self.inputDimension, i):copy(gi)
      offset = offset + size
   end
   return self.gradInput
end

function Parallel:accGradParameters(input, gradOutput, scale)
   self:_eachChild('accGradParameters', input, gradOutput, scale)
end

function Parallel:accUpdateGradParameters(input, gradOutput, lr)
   self:_eachChild('accUpdateGradParameters', input, gradOutput, lr)
end

function Parallel:_eachChild(method, input, gradOutput, number)
   local offset = 1
   for i = 1, input:size(self.inputDimension) do
      local module = self.modules[i]
      local size = module.output:size(self.outputDimension)
      self:rethrowErrors(module, i, method, input:select(self.inputDimension, i),
         gradOutput:narrow(self.outputDimension, offset, size), number)
      offset = offset + size
   end
end

function Parallel:__tostring__()
   return self:_branchString()
end
