local VolumetricDilatedConvolution, parent =
   torch.class('nn.VolumetricDilatedConvolution', 'nn.VolumetricConvolution')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local checkPlanes, withBuffers = conv.checkPlanes, conv.withBuffers

--[[ 3-D convolution whose kernel taps are dilationT/dilationH/dilationW positions apart.
ARGS: as nn.VolumetricConvolution, then dilationT, dilationW, dilationH (default 1) ]]
function VolumetricDilatedConvolution:__init(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH,
                                             padT, padW, padH, dilationT, dilationW, dilationH)
   parent.__init(self, nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH)
   self.dilationT = dilationT or 1
   self.dilationW = dilationW or 1
   self.dilationH = dilationH or 1
end

-- Output length along one axis.
local function outputLength(n, k, d, pad, dil)
   return math.floor((n + 2 * pad - (dil * (k - 1) + 1)) / d) + 1
end

-- Check the input, make the buffers and resize the output; RETURN nothing.
local function prepare(self, input)
   local name = torch.type(self)
   local d = checkPlanes(self, name, input, 4, 'T x H x W')
   if math.min(self.dilationT, self.dilationW, self.dilationH) <= 0 then
      error(string.format('%s: dilation should be greater than zero, got dilationT = %d,'
         .. ' dilationH = %d, dilationW = %d', name, self.dilationT, self.dilationH,
         self.dilationW), 3)
   end
   local oT = outputLength(input:size(d - 2), self.kT, self.dT, self.padT, self.dilationT)
   local oH = outputLength(input:size(d - 1), self.kH, self.dH, self.padH, self.dilationH)
   local oW = outputLength(input:size(d), self.kW, self.dW, self.padW, self.dilationW)
   if oT < 1 or oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%dx%d gives an output of %dx%dx%d, which is too'
         .. ' small', name, input:size(d - 2), input:size(d - 1), input:size(d), oT, oH, oW), 3)
   end
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   return oT, oH, oW
end

function VolumetricDilatedConvolution:updateOutput(input)
   local oT, oH, oW = prepare(self, input)
   if input:dim() == 4 then
      self.output:resize(self.nOutputPlane, oT, oH, oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, oT, oH, oW)
   end
   withBuffers(function()
      return K.VolumetricDilatedConvolution_updateOutput(np(input), np(self.output),
         np(self.weight), self.bias and np(self.bias), np(self.finput), np(self.fgradInput),
         self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW,
         self.padH, self.dilationT, self.dilationW, self.dilationH)
   end, self.finput, self.fgradInput)
   return self.output
end

function VolumetricDilatedConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      prepare(self, input)
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.VolumetricDilatedConvolution_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), self.kT, self.kW, self.kH,
            self.dT, self.dW, self.dH, self.padT, self.padW, self.padH, self.dilationT,
            self.dilationW, self.dilationH)
      end, self.finput)
      return self.gradInput
   end
end

function VolumetricDilatedConvolution:accGradParameters(input, gradOutput, scale)
   prepare(self, input)
   withBuffers(function()
      return K.VolumetricDilatedConvolution_accGradParameters(np(input), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT,
         self.padW, self.padH, self.dilationT, self.dilationW, self.dilationH, scale or 1)
   end, self.finput, self.fgradInput)
end

function VolumetricDilatedConvolution:__tostring__()
   local s = conv.describe3d(self) .. ', ' .. self.dilationT .. ',' .. self.dilationW .. ','
      .. self.dilationH
   return conv.closeBias(self, s)
end
