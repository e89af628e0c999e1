local SpatialDilatedConvolution, parent =
   torch.class('nn.SpatialDilatedConvolution', 'nn.SpatialConvolution')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local withBuffers = conv.withBuffers

--[[ 2-D convolution whose kernel taps are dilationW/dilationH pixels apart.
ARGS: as nn.SpatialConvolution, then dilationW, dilationH (default 1) ]]
function SpatialDilatedConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW,
                                          padH, dilationW, dilationH)
   parent.__init(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   self.dilationW = dilationW or 1
   self.dilationH = dilationH or 1
end

function SpatialDilatedConvolution:updateOutput(input)
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   conv.resizeOutput2d(self, input, self:_checkInput(input))
   withBuffers(function()
      return K.SpatialDilatedConvolution_updateOutput(np(input), np(self.output),
         np(self.weight), self.bias and np(self.bias), np(self.finput), np(self.fgradInput),
         self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW,
         self.dilationH)
   end, self.finput, self.fgradInput)
   return self.output
end

function SpatialDilatedConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      self.finput = self.finput or self.weight.new()
      self:_checkInput(input)
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.SpatialDilatedConvolution_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), self.kW, self.kH,
            self.dW, self.dH, self.padW, self.padH, self.dilationW, self.dilationH)
      end, self.finput)
      return self.gradInput
   end
end

function SpatialDilatedConvolution:accGradParameters(input, gradOutput, scale)
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   self:_checkInput(input)
   withBuffers(function()
      return K.SpatialDilatedConvolution_accGradParameters(np(input), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
         self.dilationW, self.dilationH, scale or 1)
   end, self.finput, self.fgradInput)
end

function SpatialDilatedConvolution:__tostring__()
   local s = conv.describe2d(self) .. ', ' .. self.dilationW .. ',' .. self.dilationH
   return conv.closeBias(self, s)
end
