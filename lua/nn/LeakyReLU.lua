local LeakyReLU, parent = torch.class('nn.LeakyReLU', 'nn.Module')
local S = nn._small

--[[ x for x > 0, negval * x otherwise.
ARGS: negval (number, default 1/100; a boolean here is taken as ip), ip (boolean) ]]
function LeakyReLU:__init(negval, ip)
   parent.__init(self)
   if type(negval) == 'boolean' then
      self.negval = 1 / 100
   else
      self.negval = negval or (1 / 100)
   end
   self.inplace = ip or false
   if self.negval < 0 then self.inplace = false end
end

function LeakyReLU:updateOutput(input)
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   S.LeakyReLU_updateOutput(input, self.output, self.negval, self.inplace)
   return self.output
end

function LeakyReLU:updateGradInput(input, gradOutput)
   if self.inplace then self.gradInput:set(gradOutput) else self.gradInput:resizeAs(input) end
   S.LeakyReLU_updateGradInput(input, gradOutput, self.gradInput, self.negval, self.inplace)
   return self.gradInput
end

function LeakyReLU:__tostring__()
   return torch.type(self) .. string.format('(%g)', self.negval)
end
