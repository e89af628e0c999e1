local SoftMax = torch.class('nn.SoftMax', 'nn.Module')
local S = nn._small

--[[ Soft-max over the features: the only dimension of a 1-D input, the second of 2-D
(batch) and 4-D inputs, the first of 3-D inputs. ]]
function SoftMax:updateOutput(input)
   if input:dim() < 1 or input:dim() > 4 then
      error('nn.SoftMax: input must be a 1D, 2D, 3D or 4D tensor', 2)
   end
   self.output:resizeAs(input)
   S.SoftMax_updateOutput(input, self.output)
   return self.output
end

function SoftMax:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   S.SoftMax_updateGradInput(input, gradOutput, self.gradInput, self.output)
   return self.gradInput
end
