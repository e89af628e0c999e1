local JoinTable, parent = torch.class('nn.JoinTable', 'nn.Module')

--[[ Concatenate the tensors of the input table along `dimension` (negative counts from the
end). With nInputDims, inputs with one more dimension are taken as batches.
ARGS: dimension (number), nInputDims (number or nil) ]]
function JoinTable:__init(dimension, nInputDims)
   parent.__init(self)
   self.size = torch.LongStorage()
   self.dimension = dimension
   self.gradInput = {}
   self.nInputDims = nInputDims
end

function JoinTable:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input[1]:dim() + dimension + 1
   elseif self.nInputDims and input[1]:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   return dimension
end

function JoinTable:updateOutput(input)
   local dim = self:_getPositiveDimension(input)
   for i = 1, #input do
      if i == 1 then
         self.size:resize(input[1]:dim()):copy(input[1]:size())
      else
         self.size[dim] = self.size[dim] + input[i]:size(dim)
      end
   end
   self.output:resize(self.size)
   local offset = 1
   for i = 1, #input do
      local n = input[i]:size(dim)
      self.output:narrow(dim, offset, n):copy(input[i])
      offset = offset + n
   end
   return self.output
end

function JoinTable:updateGradInput(input, gradOutput)
   local dim = self:_getPositiveDimension(input)
   for i = #input + 1, #self.gradInput do self.gradInput[i] = nil end
   local offset = 1
   for i = 1, #input do
      self.gradInput[i] = self.gradInput[i] or input[i].new()
      local n = input[i]:size(dim)
      self.gradInput[i]:resizeAs(input[i]):copy(gradOutput:narrow(dim, offset, n))
      offset = offset + n
   end
   return self.gradInput
end

function JoinTable:type(typename, tensorCache)
   self.gradInput = {}
   return parent.type(self, typename, tensorCache)
end

function JoinTable:__tostring__()
   return torch.type(self)
end
