local SpatialConvolutionMM, parent = torch.class('nn.SpatialConvolutionMM', 'nn.Module')
local conv = nn._conv

--[[ 2-D convolution whose weight is kept as a matrix nOutputPlane x (nInputPlane*kH*kW).
ARGS: nInputPlane, nOutputPlane, kW, kH (numbers), dW, dH (strides, default 1),
padW (default 0), padH (default padW) ]]
function SpatialConvolutionMM:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   conv.setGeometry2d(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   conv.allocate(self, nOutputPlane, nOutputPlane, nInputPlane * kH * kW)
   self:reset()
end

-- Shared with the other convolutions: noBias, and reset with a fan-in of kW*kH*nInputPlane.
SpatialConvolutionMM.noBias = conv.noBias
SpatialConvolutionMM.reset = conv.reset2d

-- Modules saved by older versions (`padding` instead of padW/padH, no buffers) are brought up
-- to date by conv.upgrade2d. A 4-D weight (older layout) is read by the kernels as the same
-- numbers in a matrix.

local function checkParams(self)
   if (self.bias == nil) ~= (self.gradBias == nil) then
      error('nn.SpatialConvolutionMM: bias and gradBias must both be present or both absent')
   end
end

conv.mmMethods(SpatialConvolutionMM, conv.upgrade2d, nn.SpatialConvolution._checkInput, checkParams)
SpatialConvolutionMM.type = conv.type
SpatialConvolutionMM.clearState = conv.clearState
SpatialConvolutionMM.__tostring__ = nn.SpatialConvolution.__tostring__
