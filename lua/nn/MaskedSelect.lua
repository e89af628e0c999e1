local MaskedSelect, parent = torch.class('nn.MaskedSelect', 'nn.Module')

--[[ Takes a table {input, mask} (mask a ByteTensor with as many elements as input) and
returns the 1-D tensor of the input's elements where the mask is 1, in storage order. The
gradient goes back to those positions; the mask gets a zero gradient. The index buffers are
kept under Torch7's field names so that saved modules read both ways. ]]
function MaskedSelect:__init()
   parent.__init(self)
   self._maskIndices = torch.LongTensor()
   self._maskIndexBuffer = torch.LongTensor()
   self._maskIndexBufferCPU = torch.FloatTensor()
   self._gradBuffer = torch.Tensor()
   self._gradMask = torch.ByteTensor()
end

local function split(input)
   if torch.type(input) ~= 'table' or not torch.isTensor(input[1])
         or not torch.isTensor(input[2]) then
      error('nn.MaskedSelect: input must be a table {tensor, mask}', 3)
   end
   if input[1]:nElement() ~= input[2]:nElement() then
      error(string.format('nn.MaskedSelect: the mask has %d elements but the input has %d',
         input[2]:nElement(), input[1]:nElement()), 3)
   end
   return input[1], input[2]
end

function MaskedSelect:updateOutput(input)
   local x, mask = split(input)
   self.output:maskedSelect(x, mask)
   return self.output
end

function MaskedSelect:updateGradInput(input, gradOutput)
   local x, mask = split(input)
   self._gradBuffer:resizeAs(x):zero():maskedCopy(mask, gradOutput)
   self._gradMask:resize(mask:size()):zero()
   self.gradInput = { self._gradBuffer, self._gradMask }
   return self.gradInput
end

--[[ Convert the output and the input gradient to `typename`; the index buffers stay
LongTensors and the mask gradient a ByteTensor (all CudaTensors for torch.CudaTensor).
RETURN: self, or the current type when called without one ]]
function MaskedSelect:type(typename, tensorCache)
   if not typename then return self._type end
   nn.utils.checkTensorType('nn.MaskedSelect', typename)
   self._gradBuffer = nn.utils.recursiveType(self._gradBuffer, typename, tensorCache)
   self.output = nn.utils.recursiveType(self.output, typename, tensorCache)
   local index, mask = 'torch.LongTensor', 'torch.ByteTensor'
   if typename == 'torch.CudaTensor' then index, mask = typename, typename end
   self._maskIndexBuffer = self._maskIndexBuffer:type(index)
   self._maskIndices = self._maskIndices:type(index)
   self._gradMask = self._gradMask:type(mask)
   if torch.type(self.gradInput) == 'table' then
      self.gradInput = { self._gradBuffer, self._gradMask }
   else
      self.gradInput = nn.utils.recursiveType(self.gradInput, typename, tensorCache)
   end
   self._type = typename
   return self
end

function MaskedSelect:clearState()
   return nn.utils.clear(self, 'output', 'gradInput', '_maskIndexBuffer', '_maskIndexBufferCPU',
      '_maskIndices', '_gradBuffer', '_gradMask')
end
