local SoftMin, parent = torch.class('nn.SoftMin', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Soft-max of -input, over the same dimension as nn.SoftMax. The negated input is kept in
the buffer `mininput`. ]]
function SoftMin:updateOutput(input)
   if input:dim() < 1 or input:dim() > 4 then
      error('nn.SoftMin: input must be a 1D, 2D, 3D or 4D tensor', 2)
   end
   self.mininput = self.mininput or input.new()
   self.mininput:resizeAs(input)
   self.output:resizeAs(input)
   K.SoftMin_updateOutput(np(input), np(self.output), np(self.mininput))
   return self.output
end

function SoftMin:updateGradInput(input, gradOutput)
   self.mininput = self.mininput or input.new()
   self.mininput:resizeAs(input)
   self.gradInput:resizeAs(input)
   K.SoftMin_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output),
      np(self.mininput))
   return self.gradInput
end

function SoftMin:clearState()
   if self.mininput then self.mininput:set() end
   return parent.clearState(self)
end
