local ELU, parent = torch.class('nn.ELU', 'nn.Module')
local S = nn._small

--[[ Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise.
ARGS: alpha (number, default 1), inplace (boolean, default false) ]]
function ELU:__init(alpha, inplace)
   parent.__init(self)
   self.alpha = alpha or 1
   assert(type(self.alpha) == 'number', 'nn.ELU: alpha must be a number')
   self.inplace = inplace or false
   assert(type(self.inplace) == 'boolean', 'nn.ELU: the in-place flag must be a boolean')
end

function ELU:updateOutput(input)
   local inplace = self.inplace or false
   if inplace then self.output:set(input) else self.output:resizeAs(input) end
   S.ELU_updateOutput(input, self.output, self.alpha, inplace)
   return self.output
end

function ELU:updateGradInput(input, gradOutput)
   local inplace = self.inplace or false
   if inplace then self.gradInput:set(gradOutput) else self.gradInput:resizeAs(self.output) end
   S.ELU_updateGradInput(input, gradOutput, self.gradInput, self.output, self.alpha, inplace)
   return self.gradInput
end

function ELU:__tostring__()
   return string.format('%s (alpha:%f)', torch.type(self), self.alpha)
end
