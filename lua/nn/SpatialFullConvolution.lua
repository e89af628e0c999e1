local SpatialFullConvolution, parent = torch.class('nn.SpatialFullConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local checkPlanes, withBuffers = conv.checkPlanes, conv.withBuffers

--[[ Full (transposed) 2-D convolution: each input pixel spreads a kH x kW patch over the
output. ARGS: nInputPlane, nOutputPlane, kW, kH, dW, dH (default 1), padW, padH (default 0),
adjW, adjH (extra output columns/rows, default 0, smaller than the strides) ]]
function SpatialFullConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH,
                                       adjW, adjH)
   parent.__init(self)
   conv.setGeometry2d(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH or 0)
   self.adjW = adjW or 0
   self.adjH = adjH or 0
   if self.adjW > self.dW - 1 or self.adjH > self.dH - 1 then
      error('nn.SpatialFullConvolution: adjW and adjH must be smaller than dW and dH')
   end
   self.weight = torch.Tensor(nInputPlane, nOutputPlane, kH, kW)
   self.gradWeight = torch.Tensor(nInputPlane, nOutputPlane, kH, kW)
   self.bias = torch.Tensor(self.nOutputPlane)
   self.gradBias = torch.Tensor(self.nOutputPlane)
   self.ones = torch.Tensor()
   self:reset()
end

-- Shared with the other convolutions: noBias, and reset with a fan-in of kW*kH*nInputPlane.
SpatialFullConvolution.noBias = conv.noBias
SpatialFullConvolution.reset = conv.reset2d

-- The input tensor and the adjustments: a table input {x, target} takes them from the
-- target's size, as in Torch7. Also fills fields missing from older files.
local function prepare(self, input)
   self.adjW = self.adjW or 0
   self.adjH = self.adjH or 0
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   self.ones = self.ones or self.weight.new()
   local x, adjW, adjH = input, self.adjW, self.adjH
   if torch.type(input) == 'table' then
      x = input[1]
      local t = input[2]
      local d = t:dim()
      adjW = (t:size(d) + 2 * self.padW - self.kW) % self.dW
      adjH = (t:size(d - 1) + 2 * self.padH - self.kH) % self.dH
   end
   local d = checkPlanes(self, 'nn.SpatialFullConvolution', x, 3, 'H x W')
   local oH = (x:size(d - 1) - 1) * self.dH - 2 * self.padH + self.kH + adjH
   local oW = (x:size(d) - 1) * self.dW - 2 * self.padW + self.kW + adjW
   if oH < 1 or oW < 1 then
      error(string.format('nn.SpatialFullConvolution: output of %dx%d is too small', oH, oW), 3)
   end
   return x, adjW, adjH, oH, oW
end

function SpatialFullConvolution:updateOutput(input)
   local x, adjW, adjH, oH, oW = prepare(self, input)
   conv.resizeOutput2d(self, x, oH, oW)
   withBuffers(function()
      return K.SpatialFullConvolution_updateOutput(np(x), np(self.output), np(self.weight),
         self.bias and np(self.bias), np(self.finput), np(self.fgradInput), self.kW, self.kH,
         self.dW, self.dH, self.padW, self.padH, adjW, adjH)
   end, self.finput, self.fgradInput)
   return self.output
end

function SpatialFullConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      local x, adjW, adjH = prepare(self, input)
      if torch.type(self.gradInput) == 'table' then
         self.gradInput = self.gradInput[1] or x.new()
      end
      self.gradInput:resizeAs(x)
      withBuffers(function()
         return K.SpatialFullConvolution_updateGradInput(np(x), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), self.kW, self.kH, self.dW,
            self.dH, self.padW, self.padH, adjW, adjH)
      end, self.finput)
      return conv.fullGradInput(self, input)
   end
end

function SpatialFullConvolution:accGradParameters(input, gradOutput, scale)
   local x, adjW, adjH = prepare(self, input)
   withBuffers(function()
      return K.SpatialFullConvolution_accGradParameters(np(x), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
         adjW, adjH, scale or 1)
   end, self.finput, self.fgradInput)
end

SpatialFullConvolution.type = conv.type
SpatialFullConvolution.clearState = conv.clearState

function SpatialFullConvolution:__tostring__()
   local s = conv.describe2d(self)
   if (self.adjW or self.adjH) and (self.adjW ~= 0 or self.adjH ~= 0) then
      s = s .. ', ' .. self.adjW .. ',' .. self.adjH
   end
   return conv.closeBias(self, s)
end
