local Unsqueeze, parent = torch.class('nn.Unsqueeze', 'nn.Module')

--[[ Insert a singleton dimension at pos, as a view. With numInputDims, leading extra
dimensions of the input (a batch) shift pos. ARGS: pos (number), numInputDims (number or nil) ]]
function Unsqueeze:__init(pos, numInputDims)
   parent.__init(self)
   self.pos = pos or error('nn.Unsqueeze: the position of the new dimension is required', 2)
   self:setNumInputDims(numInputDims)
end

--[[ ARGS: numInputDims (number or nil) RETURN: self ]]
function Unsqueeze:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

function Unsqueeze:updateOutput(input)
   if not torch.isTensor(input) then error('nn.Unsqueeze: input must be a tensor', 2) end
   self.output:set(input:unsqueeze(self:_getActualPosition(input)))
   return self.output
end

function Unsqueeze:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Unsqueeze: gradOutput does not have as many elements as the input', 2)
   end
   self.gradInput:view(gradOutput, input:size())
   return self.gradInput
end

function Unsqueeze:__tostring__()
   return torch.type(self) .. '(dim ' .. self.pos .. ')'
end

-- The position in this input's dimensions (checked).
function Unsqueeze:_getActualPosition(input)
   local inputDim = input:dim()
   self.numInputDims = self.numInputDims or inputDim
   local offsetDim = inputDim - self.numInputDims
   local pos = self.pos + offsetDim
   if offsetDim < 0 or pos < 1 or pos > inputDim + 1 then
      error(string.format('nn.Unsqueeze: invalid position %d for a %dD input '
         .. '(numInputDims %d)', self.pos, inputDim, self.numInputDims), 3)
   end
   return pos
end
