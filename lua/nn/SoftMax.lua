local SoftMax = torch.class('nn.SoftMax', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Soft-max over the features: the only dimension of a 1-D input, the second of 2-D
(batch) and 4-D inputs, the first of 3-D inputs. ]]
function SoftMax:updateOutput(input)
   if input:dim() < 1 or input:dim() > 4 then
      error('nn.SoftMax: input must be a 1D, 2D, 3D or 4D tensor', 2)
   end
   self.output:resizeAs(input)
   K.SoftMax_updateOutput(np(input), np(self.output))
   return self.output
end

function SoftMax:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   K.SoftMax_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
