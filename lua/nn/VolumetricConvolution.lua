local VolumetricConvolution, parent = torch.class('nn.VolumetricConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local checkPlanes, withBuffers = conv.checkPlanes, conv.withBuffers

--[[ 3-D convolution over nInputPlane x T x H x W inputs (or a batch of them).
ARGS: nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH (default 1), padT (default 0),
padW (default padT), padH (default padW) ]]
function VolumetricConvolution:__init(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT,
                                      padW, padH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kT = kT
   self.kW = kW
   self.kH = kH
   self.dT = dT or 1
   self.dW = dW or 1
   self.dH = dH or 1
   self.padT = padT or 0
   self.padW = padW or self.padT
   self.padH = padH or self.padW
   conv.allocate(self, nOutputPlane, nOutputPlane, nInputPlane, kT, kH, kW)
   self:reset()
end

-- Shared with the other convolutions: reset with a fan-in of kT*kW*kH*nInputPlane, and noBias.
VolumetricConvolution.reset = conv.reset3d
VolumetricConvolution.noBias = conv.noBias

-- Check the input; RETURN the output sizes oT, oH, oW.
local function checkInput(self, input)
   local d = checkPlanes(self, 'nn.VolumetricConvolution', input, 4, 'T x H x W')
   local oT = math.floor((input:size(d - 2) + 2 * self.padT - self.kT) / self.dT) + 1
   local oH = math.floor((input:size(d - 1) + 2 * self.padH - self.kH) / self.dH) + 1
   local oW = math.floor((input:size(d) + 2 * self.padW - self.kW) / self.dW) + 1
   if oT < 1 or oH < 1 or oW < 1 then
      error(string.format('nn.VolumetricConvolution: output of %dx%dx%d is too small',
         oT, oH, oW), 3)
   end
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   return oT, oH, oW
end

function VolumetricConvolution:updateOutput(input)
   local oT, oH, oW = checkInput(self, input)
   if input:dim() == 4 then
      self.output:resize(self.nOutputPlane, oT, oH, oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, oT, oH, oW)
   end
   withBuffers(function()
      return K.VolumetricConvolutionMM_updateOutput(np(input), np(self.output),
         np(self.weight), self.bias and np(self.bias), np(self.finput), self.kT, self.kW,
         self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH)
   end, self.finput)
   return self.output
end

function VolumetricConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkInput(self, input)
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.VolumetricConvolutionMM_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput),
            self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW,
            self.padH)
      end, self.fgradInput)
      return self.gradInput
   end
end

function VolumetricConvolution:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   withBuffers(function()
      return K.VolumetricConvolutionMM_accGradParameters(np(input), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput), self.kT,
         self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH,
         scale or 1)
   end, self.finput)
end

function VolumetricConvolution:type(typename, tensorCache)
   if self.finput then self.finput:set() end
   if self.fgradInput then self.fgradInput:set() end
   return parent.type(self, typename, tensorCache)
end

VolumetricConvolution.clearState = conv.clearState

function VolumetricConvolution:__tostring__()
   return conv.describe3d(self) .. ')'
end
