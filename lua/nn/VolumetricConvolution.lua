local VolumetricConvolution, parent = torch.class('nn.VolumetricConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local withBuffers = nn.SpatialConvolution._withBuffers

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
   self.weight = torch.Tensor(nOutputPlane, nInputPlane, kT, kH, kW)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane, kT, kH, kW)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kT*kW*kH*nInputPlane), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function VolumetricConvolution:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.kT * self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

--[[ Remove the bias (and its gradient). RETURN: self ]]
function VolumetricConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

-- Check the input; RETURN the output sizes oT, oH, oW.
local function checkInput(self, input)
   local d = input:dim()
   if d ~= 4 and d ~= 5 then
      error('nn.VolumetricConvolution: input must be 4-D (nInputPlane x T x H x W) or 5-D '
         .. '(batch x nInputPlane x T x H x W)', 3)
   end
   if input:size(d - 3) ~= self.nInputPlane then
      error(string.format('nn.VolumetricConvolution: input has %d planes, expected %d',
         input:size(d - 3), self.nInputPlane), 3)
   end
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

function VolumetricConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function VolumetricConvolution:__tostring__()
   local s = string.format('%s(%d -> %d, %dx%dx%d', torch.type(self), self.nInputPlane,
      self.nOutputPlane, self.kT, self.kW, self.kH)
   if self.dT ~= 1 or self.dW ~= 1 or self.dH ~= 1 or self.padT ~= 0 or self.padW ~= 0
      or self.padH ~= 0 then
      s = s .. string.format(', %d,%d,%d', self.dT, self.dW, self.dH)
   end
   if (self.padT or self.padW or self.padH)
      and (self.padT ~= 0 or self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padT .. ',' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end
