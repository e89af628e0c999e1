local VolumetricAveragePooling, parent =
   torch.class('nn.VolumetricAveragePooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Mean over kT x kH x kW windows of each volume (no padding, floor mode).
ARGS: kT, kW, kH (window), dT, dW, dH (step, default the window) ]]
function VolumetricAveragePooling:__init(kT, kW, kH, dT, dW, dH)
   parent.__init(self)
   self.kT, self.kH, self.kW = kT, kH, kW
   self.dT, self.dW, self.dH = dT or kT, dW or kW, dH or kH
end

function VolumetricAveragePooling:updateOutput(input)
   self.output:resize(nn.VolumetricMaxPooling._poolSize(self, input, false))
   K.VolumetricAveragePooling_updateOutput(np(input), np(self.output), self.kT, self.kW,
      self.kH, self.dT, self.dW, self.dH, 0, 0, 0, false, true)
   return self.output
end

function VolumetricAveragePooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSize(nn.VolumetricMaxPooling._poolSize(self, input, false)) then
      error('nn.VolumetricAveragePooling: gradOutput does not match the output size', 2)
   end
   self.gradInput:resizeAs(input)
   K.VolumetricAveragePooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, 0, 0, 0, false, true)
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). RETURN: self ]]
function VolumetricAveragePooling:empty()
   return parent.clearState(self)
end

function VolumetricAveragePooling:__tostring__()
   return string.format('%s(%dx%dx%d, %d,%d,%d)', torch.type(self), self.kT, self.kW,
      self.kH, self.dT, self.dW, self.dH)
end
