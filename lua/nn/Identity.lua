local Identity = torch.class('nn.Identity', 'nn.Module')

--[[ Pass the input (tensor or table) through unchanged; gradients likewise. ]]
function Identity:updateOutput(input)
   self.output = input
   return self.output
end

function Identity:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput = gradOutput
   return self.gradInput
end

--[[ Replace (not empty) output and gradInput: they are the caller's tensors. RETURN: self ]]
function Identity:clearState()
   return nn.utils.clearFresh(self, 'output', 'gradInput')
end
