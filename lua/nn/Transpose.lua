local Transpose, parent = torch.class('nn.Transpose', 'nn.Module')

--[[ Swap pairs of dimensions in order, e.g. nn.Transpose({1, 4}, {1, 3}), and copy.
With setNumInputDims, leading extra (batch) dimensions shift the pairs.
ARGS: pairs ({d1, d2} tables) ]]
function Transpose:__init(...)
   parent.__init(self)
   self.permutations = { ... }
   self.numInputDims = nil
end

--[[ ARGS: numInputDims (number or nil) RETURN: self ]]
function Transpose:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

function Transpose:updateOutput(input)
   local offset = self.numInputDims and input:nDimension() - self.numInputDims or 0
   for _, perm in ipairs(self.permutations) do
      input = input:transpose(perm[1] + offset, perm[2] + offset)
   end
   self.output:resizeAs(input):copy(input)
   return self.output
end

function Transpose:updateGradInput(input, gradOutput)
   local offset = self.numInputDims and input:nDimension() - self.numInputDims or 0
   for i = #self.permutations, 1, -1 do
      local perm = self.permutations[i]
      gradOutput = gradOutput:transpose(perm[1] + offset, perm[2] + offset)
   end
   self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   return self.gradInput
end
