local Squeeze, parent = torch.class('nn.Squeeze', 'nn.Module')

--[[ Remove singleton dimensions (all, or only dim), as a view. With numInputDims, an input
of numInputDims+1 dimensions is a batch: dim skips the batch, and a batch of one keeps its
batch dimension. ARGS: dim (number or nil), numInputDims (number or nil) ]]
function Squeeze:__init(dim, numInputDims)
   parent.__init(self)
   self.dim = dim
   self:setNumInputDims(numInputDims)
end

--[[ ARGS: numInputDims (number or nil) RETURN: self ]]
function Squeeze:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

function Squeeze:updateOutput(input)
   if not torch.isTensor(input) then error('nn.Squeeze: input must be a tensor', 2) end
   local dim, addone = self.dim, false
   if self.numInputDims and input:dim() == self.numInputDims + 1 then
      if dim then
         dim = dim + 1
      elseif input:size(1) == 1 then
         addone = true
      end
   end
   self.output:set(dim and input:squeeze(dim) or input:squeeze())
   if addone then self.output:set(self.output:unsqueeze(1)) end
   return self.output
end

function Squeeze:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Squeeze: gradOutput does not have as many elements as the input', 2)
   end
   self.gradInput:set(gradOutput:view(input:size()))
   return self.gradInput
end
