local PartialLinear, parent = torch.class('nn.PartialLinear', 'nn.Module')

--[[ A Linear layer (inputsize -> outputsize) that can be restricted to a subset of its
outputs: after setPartition(indices) it computes only the listed output columns, in that
order, and only their weight rows and bias entries get gradients. resetPartition brings back
all the outputs, so the full layer can be used at test time. The weight is the weight of a
LookupTable inside `network` (outputsize x inputsize); the bias is 1 x outputsize.
ARGS: inputsize, outputsize (numbers), bias (boolean, default true) ]]
function PartialLinear:__init(inputsize, outputsize, bias)
   parent.__init(self)
   if type(inputsize) ~= 'number' or type(outputsize) ~= 'number'
      or inputsize < 1 or outputsize < 1 then
      error('nn.PartialLinear: expecting positive input and output sizes', 2)
   end
   -- {input, columns} -> input * weight[columns]^T
   local lookup = nn.ParallelTable():add(nn.Identity()):add(nn.LookupTable(outputsize, inputsize))
   self.network = nn.Sequential():add(lookup):add(nn.MM(false, true))
   if bias ~= false then
      self.bias = torch.Tensor(1, outputsize):zero()
      self.gradBias = torch.Tensor(1, outputsize):zero()
   end
   self.inputsize = inputsize
   self.outputsize = outputsize
   self.allcolumns = torch.range(1, outputsize)
   self:resetPartition()
end

--[[ Use only the output columns listed in `indices` (a tensor of 1-based column numbers).
ARGS: indices (tensor) RETURN: self ]]
function PartialLinear:setPartition(indices)
   self.partition = indices:type(self.allcolumns:type())
   return self
end

--[[ Use all the output columns again. RETURN: self ]]
function PartialLinear:resetPartition()
   self.partition = self.allcolumns
   return self
end

--[[ The full weight and bias (not only the partition's rows). RETURN: params, gradParams ]]
function PartialLinear:parameters()
   local lookup = self.network:get(1):get(2)
   return { lookup.weight, self.bias }, { lookup.gradWeight, self.gradBias }
end

local function checkInput(self, input)
   if not torch.isTensor(input) or input:dim() ~= 2 then
      error('nn.PartialLinear: input must be a matrix (batch x inputsize)', 3)
   end
   if input:size(2) ~= self.inputsize then
      error(string.format('nn.PartialLinear: input has %d columns, expected %d',
         input:size(2), self.inputsize), 3)
   end
end

function PartialLinear:updateOutput(input)
   checkInput(self, input)
   self.output:set(self.network:forward({ input, self.partition }))
   if self.bias then
      local columns = self.partition:long()
      self.output:add(self.bias:index(2, columns):expandAs(self.output))
      -- a column of ones, summing gradOutput over the batch in accGradParameters
      self.addBuffer = self.addBuffer or input.new()
      if self.addBuffer:nElement() ~= input:size(1) then
         self.addBuffer:resize(input:size(1)):fill(1)
      end
   end
   return self.output
end

function PartialLinear:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkInput(self, input)
      self.network:updateGradInput({ input, self.partition }, gradOutput)
      self.gradInput:set(self.network.gradInput[1])
   end
   return self.gradInput
end

function PartialLinear:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   self.network:accGradParameters({ input, self.partition }, gradOutput, scale)
   if self.bias then
      self.buffer = self.buffer or input.new()
      self.buffer:resize(gradOutput:size(2))
      self.buffer:mv(gradOutput:t(), self.addBuffer):mul(scale)
      self.gradBias:indexAdd(2, self.partition:long(), self.buffer:view(1, gradOutput:size(2)))
   end
end

--[[ Add -lr times the gradient straight into the weight and bias. ]]
function PartialLinear:accUpdateGradParameters(input, gradOutput, lr)
   local lookup = self.network:get(1):get(2)
   local gradWeight, gradBias = lookup.gradWeight, self.gradBias
   lookup.gradWeight, self.gradBias = lookup.weight, self.bias
   self:accGradParameters(input, gradOutput, -lr)
   lookup.gradWeight, self.gradBias = gradWeight, gradBias
end

-- A shared layer updates its parameters directly as well.
function PartialLinear:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self:accUpdateGradParameters(input, gradOutput, lr)
end

function PartialLinear:zeroGradParameters()
   self.network:zeroGradParameters()
   if self.gradBias then self.gradBias:zero() end
end

function PartialLinear:updateParameters(learningRate)
   self.network:updateParameters(learningRate)
   if self.bias then self.bias:add(-learningRate, self.gradBias) end
end

function PartialLinear:clearState()
   self.network:clearState()
   return nn.utils.clear(self, 'output', 'gradInput', 'addBuffer', 'buffer')
end

function PartialLinear:__tostring__()
   return torch.type(self) .. string.format('(%d -> %d)', self.inputsize, self.outputsize)
      .. (self.bias and '' or ' without bias')
end
