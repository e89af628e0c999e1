local SpatialConvolutionLocal, parent = torch.class('nn.SpatialConvolutionLocal', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local withBuffers = conv.withBuffers

--[[ Locally connected 2-D layer: a convolution whose filters differ at every output position.
ARGS: nInputPlane, nOutputPlane, iW, iH (input size), kW, kH, dW, dH (default 1),
padW (default 0), padH (default padW) ]]
function SpatialConvolutionLocal:__init(nInputPlane, nOutputPlane, iW, iH, kW, kH, dW, dH,
                                        padW, padH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.iW = iW
   self.iH = iH
   self.dW = dW or 1
   self.dH = dH or 1
   self.padW = padW or 0
   self.padH = padH or self.padW
   self.oW = math.floor((self.padW * 2 + iW - self.kW) / self.dW) + 1
   self.oH = math.floor((self.padH * 2 + iH - self.kH) / self.dH) + 1
   if self.oW < 1 or self.oH < 1 then
      error('nn.SpatialConvolutionLocal: output width or height is less than 1')
   end
   self.weight = torch.Tensor(self.oH, self.oW, nOutputPlane, nInputPlane, kH, kW)
   self.bias = torch.Tensor(nOutputPlane, self.oH, self.oW)
   self.gradWeight = torch.Tensor():resizeAs(self.weight)
   self.gradBias = torch.Tensor():resizeAs(self.bias)
   self:reset()
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kW*kH*nInputPlane), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function SpatialConvolutionLocal:reset(stdv)
   return conv.resetUniform(self, stdv, self.kW * self.kH * self.nInputPlane)
end

local function checkInput(self, input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialConvolutionLocal: input must be 3-D (nInputPlane x iH x iW) or 4-D '
         .. '(batch x nInputPlane x iH x iW)', 3)
   end
   if input:size(d - 2) ~= self.nInputPlane or input:size(d - 1) ~= self.iH
      or input:size(d) ~= self.iW then
      error(string.format('nn.SpatialConvolutionLocal: input planes x height x width are '
         .. '%dx%dx%d, expected %dx%dx%d', input:size(d - 2), input:size(d - 1), input:size(d),
         self.nInputPlane, self.iH, self.iW), 3)
   end
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
end

local function checkGradOutput(self, input, gradOutput)
   local d = input:dim()
   if gradOutput:dim() ~= d or gradOutput:size(d - 2) ~= self.nOutputPlane
      or gradOutput:size(d - 1) ~= self.oH or gradOutput:size(d) ~= self.oW then
      error(string.format('nn.SpatialConvolutionLocal: gradOutput must be %s%dx%dx%d',
         d == 4 and 'batch x ' or '', self.nOutputPlane, self.oH, self.oW), 3)
   end
end

function SpatialConvolutionLocal:updateOutput(input)
   checkInput(self, input)
   if input:dim() == 3 then
      self.output:resize(self.nOutputPlane, self.oH, self.oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, self.oH, self.oW)
   end
   withBuffers(function()
      return K.SpatialConvolutionLocal_updateOutput(np(input), np(self.output),
         np(self.weight), np(self.bias), np(self.finput), np(self.fgradInput), self.kW,
         self.kH, self.dW, self.dH, self.padW, self.padH, self.iW, self.iH, self.oW, self.oH)
   end, self.finput, self.fgradInput)
   return self.output
end

function SpatialConvolutionLocal:updateGradInput(input, gradOutput)
   checkInput(self, input)
   checkGradOutput(self, input, gradOutput)
   if self.gradInput then
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.SpatialConvolutionLocal_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput),
            self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.iW, self.iH,
            self.oW, self.oH)
      end, self.fgradInput)
      return self.gradInput
   end
end

function SpatialConvolutionLocal:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   checkGradOutput(self, input, gradOutput)
   K.SpatialConvolutionLocal_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), np(self.finput), np(self.fgradInput), self.kW, self.kH, self.dW,
      self.dH, self.padW, self.padH, self.iW, self.iH, self.oW, self.oH, scale or 1)
end

SpatialConvolutionLocal.type = conv.type
SpatialConvolutionLocal.clearState = conv.clearState

function SpatialConvolutionLocal:__tostring__()
   return conv.describe2d(self, string.format('%dx%d, ', self.iW, self.iH)) .. ')'
end
