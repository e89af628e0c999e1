local ZeroGrad = torch.class('nn.ZeroGrad', 'nn.Module')

--[[ Pass the input through but stop the gradient: gradInput is zero, with the input's
structure (a tensor, or a nested table of tensors). ]]
function ZeroGrad:updateOutput(input)
   if torch.isTensor(input) then
      if not torch.isTensor(self.output) then self.output = input.new() end
      self.output:set(input)
   else
      self.output = input
   end
   return self.output
end

function ZeroGrad:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput = nn.utils.recursiveFill(nn.utils.recursiveResizeAs(self.gradInput, input), 0)
   return self.gradInput
end

--[[ Drop the output and the gradient buffers; a table output refers to the caller's
table and is replaced, not emptied. RETURN: self ]]
function ZeroGrad:clearState()
   if torch.type(self.output) == 'table' then self.output = {} end
   return nn.utils.clear(self, 'output', 'gradInput')
end
