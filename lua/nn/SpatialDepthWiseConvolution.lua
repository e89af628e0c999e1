local SpatialDepthWiseConvolution, parent =
   torch.class('nn.SpatialDepthWiseConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv

--[[ Depth-wise 2-D convolution: each of the nInputPlane planes is convolved with its own
nOutputPlane filters, giving nInputPlane * nOutputPlane planes (those of input plane c are
c * nOutputPlane + 1 .. (c + 1) * nOutputPlane).
ARGS: nInputPlane, nOutputPlane (filters per input plane), kW, kH, dW, dH (default 1),
padW (default 0), padH (default padW) ]]
function SpatialDepthWiseConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW,
                                            padH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.dW = dW or 1
   self.dH = dH or 1
   self.padW = padW or 0
   self.padH = padH or self.padW
   self.weight = torch.Tensor(nOutputPlane, nInputPlane * kH * kW)
   self.bias = torch.Tensor(nOutputPlane, nInputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane * kH * kW)
   self.gradBias = torch.Tensor(nOutputPlane, nInputPlane)
   self:reset()
end

SpatialDepthWiseConvolution.reset = conv.reset2d
SpatialDepthWiseConvolution.noBias = conv.noBias

-- Check the input (filling in fields older files lack); RETURN oH, oW.
local function checkInput(self, input)
   local name = torch.type(self)
   if self.padding then
      self.padW, self.padH, self.padding = self.padding, self.padding, nil
   end
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   local d = conv.checkPlanes(self, name, input, 3, 'H x W')
   local oH = math.floor((input:size(d - 1) + 2 * self.padH - self.kH) / self.dH) + 1
   local oW = math.floor((input:size(d) + 2 * self.padW - self.kW) / self.dW) + 1
   if oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%d gives an output of %dx%d, which is too small',
         name, input:size(d - 1), input:size(d), oH, oW), 3)
   end
   return oH, oW
end

function SpatialDepthWiseConvolution:updateOutput(input)
   local oH, oW = checkInput(self, input)
   local planes = self.nInputPlane * self.nOutputPlane
   if input:dim() == 3 then
      self.output:resize(planes, oH, oW)
   else
      self.output:resize(input:size(1), planes, oH, oW)
   end
   K.SpatialDepthWiseConvolution_updateOutput(np(input), np(self.output), np(self.weight),
      self.bias and np(self.bias), np(self.finput), np(self.fgradInput), self.kW, self.kH,
      self.dW, self.dH, self.padW, self.padH)
   return self.output
end

function SpatialDepthWiseConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkInput(self, input)
      if gradOutput:nElement() ~= self.output:nElement() then
         error(torch.type(self) .. ': gradOutput does not match the last forward output', 2)
      end
      self.gradInput:resizeAs(input)
      K.SpatialDepthWiseConvolution_updateGradInput(np(input), np(gradOutput:contiguous()),
         np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput), self.kW,
         self.kH, self.dW, self.dH, self.padW, self.padH)
      return self.gradInput
   end
end

function SpatialDepthWiseConvolution:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   if (self.bias == nil) ~= (self.gradBias == nil) then
      error(torch.type(self) .. ': bias and gradBias must both be present or both absent', 2)
   end
   K.SpatialDepthWiseConvolution_accGradParameters(np(input), np(gradOutput:contiguous()),
      np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
      np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, scale or 1)
end

SpatialDepthWiseConvolution.type = conv.type
SpatialDepthWiseConvolution.clearState = conv.clearState

function SpatialDepthWiseConvolution:__tostring__()
   return conv.closeBias(self, conv.describe2d(self))
end
