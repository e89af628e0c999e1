local SpatialConvolutionMM, parent = torch.class('nn.SpatialConvolutionMM', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ 2-D convolution whose weight is kept as a matrix nOutputPlane x (nInputPlane*kH*kW).
ARGS: nInputPlane, nOutputPlane, kW, kH (numbers), dW, dH (strides, default 1),
padW (default 0), padH (default padW) ]]
function SpatialConvolutionMM:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
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
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane * kH * kW)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

--[[ Remove the bias (and its gradient). RETURN: self ]]
function SpatialConvolutionMM:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kW*kH*nInputPlane), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function SpatialConvolutionMM:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

-- Modules saved by older versions: `padding` instead of padW/padH, no buffers. A 4-D weight
-- (older layout) is read by the kernels as the same numbers in a matrix.
local function upgrade(self)
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   if self.padding then
      self.padW = self.padding
      self.padH = self.padding
      self.padding = nil
   end
end

local checkInput = nn.SpatialConvolution._checkInput
local withBuffers = nn.SpatialConvolution._withBuffers

function SpatialConvolutionMM:updateOutput(input)
   upgrade(self)
   local oH, oW = checkInput(self, input)
   if input:dim() == 3 then
      self.output:resize(self.nOutputPlane, oH, oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, oH, oW)
   end
   withBuffers(function()
      return K.SpatialConvolutionMM_updateOutput(np(input), np(self.output), np(self.weight),
         self.bias and np(self.bias), np(self.finput), np(self.fgradInput),
         self.kW, self.kH, self.dW, self.dH, self.padW, self.padH)
   end, self.finput, self.fgradInput)
   return self.output
end

function SpatialConvolutionMM:updateGradInput(input, gradOutput)
   if self.gradInput then
      upgrade(self)
      checkInput(self, input)
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.SpatialConvolutionMM_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput),
            self.kW, self.kH, self.dW, self.dH, self.padW, self.padH)
      end, self.fgradInput)
      return self.gradInput
   end
end

function SpatialConvolutionMM:accGradParameters(input, gradOutput, scale)
   upgrade(self)
   checkInput(self, input)
   if (self.bias == nil) ~= (self.gradBias == nil) then
      error('nn.SpatialConvolutionMM: bias and gradBias must both be present or both absent')
   end
   withBuffers(function()
      return K.SpatialConvolutionMM_accGradParameters(np(input), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
         scale or 1)
   end, self.finput, self.fgradInput)
end

function SpatialConvolutionMM:type(typename, tensorCache)
   self.finput = self.finput and torch.Tensor()
   self.fgradInput = self.fgradInput and torch.Tensor()
   return parent.type(self, typename, tensorCache)
end

function SpatialConvolutionMM:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

SpatialConvolutionMM.__tostring__ = nn.SpatialConvolution.__tostring__
