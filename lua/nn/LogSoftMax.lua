local LogSoftMax = torch.class('nn.LogSoftMax', 'nn.Module')
local S = nn._small

--[[ Logarithm of the soft-max over the features: the only dimension of a 1-D input, the
second of 2-D (batch) and 4-D inputs, the first of 3-D inputs. ]]
function LogSoftMax:updateOutput(input)
   if input:dim() < 1 or input:dim() > 4 then
      error('nn.LogSoftMax: input must be a 1D, 2D, 3D or 4D tensor', 2)
   end
   self.output:resizeAs(input)
   S.LogSoftMax_updateOutput(input, self.output)
   return self.output
end

function LogSoftMax:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   S.LogSoftMax_updateGradInput(input, gradOutput, self.gradInput, self.output)
   return self.gradInput
end
