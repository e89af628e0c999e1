local OneHot, parent = torch.class('nn.OneHot', 'nn.Module')

--[[ One-hot encoding: each (1-based) index of the input becomes a row of `outputSize` zeros
with a one at that index; the output has the input's sizes plus a last dimension of
`outputSize`. A plain number gives a vector.
ARGS: outputSize (number) ]]
function OneHot:__init(outputSize)
   parent.__init(self)
   self.outputSize = outputSize
end

function OneHot:updateOutput(input)
   local sizes
   if type(input) == 'number' then
      self._single = self._single or torch.LongTensor(1)
      self._single[1] = input
      input, sizes = self._single, {}
   elseif torch.isTensor(input) then
      sizes = input:size():totable()
   else
      error('nn.OneHot: input must be a number or a tensor of indices, got '
         .. torch.type(input), 2)
   end
   if type(self.outputSize) ~= 'number' or self.outputSize < 1 then
      error('nn.OneHot: outputSize must be a positive number', 2)
   end
   sizes[#sizes + 1] = self.outputSize
   self.output:resize(torch.LongStorage(sizes)):zero()
   sizes[#sizes] = 1
   local index = input:view(torch.LongStorage(sizes))
   if torch.type(index) ~= 'torch.LongTensor' then
      self._input = self._input or torch.LongTensor()
      self._input:resize(index:size()):copy(index)
      index = self._input
   end
   self.output:scatter(self.output:dim(), index, 1)
   return self.output
end

function OneHot:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if type(input) == 'number' then return 0 end
   self.gradInput:resize(input:size()):zero()
   return self.gradInput
end

function OneHot:type(typename, tensorCache)
   self:clearState()
   return parent.type(self, typename, tensorCache)
end

function OneHot:clearState()
   self._single, self._input = nil, nil
   return parent.clearState(self)
end

function OneHot:__tostring__()
   return string.format('%s(%d)', torch.type(self), self.outputSize)
end
