local SpatialSoftMax = torch.class('nn.SpatialSoftMax', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ nn.SoftMax over the feature maps at every location: over dimension 1 of a 3-D
(nfeat, h, w) input and dimension 2 of a 4-D (nbatch, nfeat, h, w) input. ]]
function SpatialSoftMax:updateOutput(input)
   if input:dim() < 1 or input:dim() > 4 then
      error('nn.SpatialSoftMax: input must be a 3D (nfeat, h, w) or 4D (nbatch, nfeat, h, w) '
         .. 'tensor', 2)
   end
   self.output:resizeAs(input)
   K.SoftMax_updateOutput(np(input), np(self.output))
   return self.output
end

function SpatialSoftMax:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   K.SoftMax_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
