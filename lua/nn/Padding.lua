local Padding, parent = torch.class('nn.Padding', 'nn.Module')

--[[ Insert |pad| entries of `value` along dimension dim. With pad < 0 they go before
position `index` counted from the start; with pad > 0 after position `index` counted from
the end. With nInputDim, an input of another dimension count is a batch (dim shifts by one).
ARGS: dim, pad (numbers), nInputDim (number or nil), value (default 0), index (default 1) ]]
function Padding:__init(dim, pad, nInputDim, value, index)
   self.value = value or 0
   self.index = index or 1
   self.dim = dim
   self.pad = pad
   self.nInputDim = nInputDim
   self.outputSize = torch.LongStorage()
   parent.__init(self)
end

-- The dimension, insertion position and pad length for this input.
function Padding:_where(input)
   local dim = self.dim
   if self.nInputDim and input:dim() ~= self.nInputDim then dim = dim + 1 end
   local index, pad = self.index, self.pad
   if pad > 0 then
      index = input:size(dim) - index + 2
   else
      pad = -pad
   end
   return dim, index, pad
end

function Padding:updateOutput(input)
   local dim, index, pad = self:_where(input)
   local n = input:size(dim)
   self.outputSize:resize(input:dim()):copy(input:size())
   self.outputSize[dim] = self.outputSize[dim] + pad
   self.output:resize(self.outputSize):fill(self.value)
   if index == 1 then
      self.output:narrow(dim, 1 + pad, n):copy(input)
   elseif index == n + 1 then
      self.output:narrow(dim, 1, n):copy(input)
   else
      self.output:narrow(dim, 1, index - 1):copy(input:narrow(dim, 1, index - 1))
      self.output:narrow(dim, index + pad, n - index + 1):copy(input:narrow(dim, index,
         n - index + 1))
   end
   return self.output
end

function Padding:updateGradInput(input, gradOutput)
   local dim, index, pad = self:_where(input)
   local n = input:size(dim)
   self.gradInput:resizeAs(input)
   if index == 1 then
      self.gradInput:copy(gradOutput:narrow(dim, 1 + pad, n))
   elseif index == n + 1 then
      self.gradInput:copy(gradOutput:narrow(dim, 1, n))
   else
      self.gradInput:narrow(dim, 1, index - 1):copy(gradOutput:narrow(dim, 1, index - 1))
      self.gradInput:narrow(dim, index, n - index + 1):copy(gradOutput:narrow(dim,
         index + pad, n - index + 1))
   end
   return self.gradInput
end
