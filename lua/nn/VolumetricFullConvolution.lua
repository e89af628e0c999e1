local VolumetricFullConvolution, parent =
   torch.class('nn.VolumetricFullConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv
local checkPlanes, withBuffers = conv.checkPlanes, conv.withBuffers

--[[ Full (transposed) 3-D convolution.
ARGS: nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH (default 1), padT, padW, padH
(default 0), adjT, adjW, adjH (extra output size, default 0, smaller than the strides) ]]
function VolumetricFullConvolution:__init(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH,
                                          padT, padW, padH, adjT, adjW, adjH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.kT = kT
   self.dW = dW or 1
   self.dH = dH or 1
   self.dT = dT or 1
   self.padW = padW or 0
   self.padH = padH or 0
   self.padT = padT or 0
   self.adjW = adjW or 0
   self.adjH = adjH or 0
   self.adjT = adjT or 0
   if self.adjW > self.dW - 1 or self.adjH > self.dH - 1 or self.adjT > self.dT - 1 then
      error('nn.VolumetricFullConvolution: adjW, adjH and adjT must be smaller than dW, dH '
         .. 'and dT')
   end
   self.weight = torch.Tensor(nInputPlane, nOutputPlane, kT, kH, kW)
   self.gradWeight = torch.Tensor(nInputPlane, nOutputPlane, kT, kH, kW)
   self.bias = torch.Tensor(self.nOutputPlane)
   self.gradBias = torch.Tensor(self.nOutputPlane)
   self.ones = torch.Tensor()
   self.finput = torch.Tensor()
   self.fgradInput = torch.Tensor()
   self:reset()
end

-- Shared with the other convolutions: reset with a fan-in of kT*kW*kH*nInputPlane, and noBias.
VolumetricFullConvolution.reset = conv.reset3d
VolumetricFullConvolution.noBias = conv.noBias

-- Files from older versions: weight stored nOutputPlane first (no adj fields), padding
-- named pT/pW/pH.
local function upgrade(self)
   if not self.adjW then
      self.weight = self.weight:transpose(1, 2):contiguous()
      if self.gradWeight then self.gradWeight = self.gradWeight:transpose(1, 2):contiguous() end
   end
   self.padW = self.padW or self.pW
   self.padH = self.padH or self.pH
   self.padT = self.padT or self.pT
   self.adjW = self.adjW or 0
   self.adjH = self.adjH or 0
   self.adjT = self.adjT or 0
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   self.ones = self.ones or self.weight.new()
end

-- The input tensor and the adjustments (from the target's size for a table {x, target}).
local function prepare(self, input)
   upgrade(self)
   local x, adjT, adjW, adjH = input, self.adjT, self.adjW, self.adjH
   if torch.type(input) == 'table' then
      x = input[1]
      local t = input[2]
      local d = t:dim()
      adjT = (t:size(d - 2) + 2 * self.padT - self.kT) % self.dT
      adjW = (t:size(d) + 2 * self.padW - self.kW) % self.dW
      adjH = (t:size(d - 1) + 2 * self.padH - self.kH) % self.dH
   end
   local d = checkPlanes(self, 'nn.VolumetricFullConvolution', x, 4, 'T x H x W')
   local o = {
      (x:size(d - 2) - 1) * self.dT - 2 * self.padT + self.kT + adjT,
      (x:size(d - 1) - 1) * self.dH - 2 * self.padH + self.kH + adjH,
      (x:size(d) - 1) * self.dW - 2 * self.padW + self.kW + adjW,
   }
   return x, adjT, adjW, adjH, o
end

function VolumetricFullConvolution:updateOutput(input)
   local x, adjT, adjW, adjH, o = prepare(self, input)
   if x:dim() == 4 then
      self.output:resize(self.nOutputPlane, o[1], o[2], o[3])
   else
      self.output:resize(x:size(1), self.nOutputPlane, o[1], o[2], o[3])
   end
   withBuffers(function()
      return K.VolumetricFullConvolution_updateOutput(np(x), np(self.output),
         np(self.weight), self.bias and np(self.bias), np(self.finput), np(self.fgradInput),
         self.dT, self.dW, self.dH, self.padT, self.padW, self.padH, adjT, adjW, adjH)
   end, self.finput, self.fgradInput)
   return self.output
end

function VolumetricFullConvolution:updateGradInput(input, gradOutput)
   local x, adjT, adjW, adjH = prepare(self, input)
   if torch.type(self.gradInput) == 'table' then self.gradInput = self.gradInput[1] end
   self.gradInput:resizeAs(x)
   withBuffers(function()
      return K.VolumetricFullConvolution_updateGradInput(np(x), np(gradOutput),
         np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput), self.dT,
         self.dW, self.dH, self.padT, self.padW, self.padH, adjT, adjW, adjH)
   end, self.finput)
   return conv.fullGradInput(self, input)
end

function VolumetricFullConvolution:accGradParameters(input, gradOutput, scale)
   local x, adjT, adjW, adjH = prepare(self, input)
   withBuffers(function()
      return K.VolumetricFullConvolution_accGradParameters(np(x), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.dT, self.dW, self.dH, self.padT, self.padW, self.padH,
         adjT, adjW, adjH, scale or 1)
   end, self.finput, self.fgradInput)
end

function VolumetricFullConvolution:type(typename, tensorCache)
   self.finput = torch.Tensor()
   self.fgradInput = torch.Tensor()
   return parent.type(self, typename, tensorCache)
end

VolumetricFullConvolution.clearState = conv.clearState

function VolumetricFullConvolution:__tostring__()
   local s = conv.describe3d(self)
   if (self.adjT or self.adjW or self.adjH)
      and (self.adjT ~= 0 or self.adjW ~= 0 or self.adjH ~= 0) then
      s = s .. ', ' .. self.adjT .. ',' .. self.adjW .. ',' .. self.adjH
   end
   return s .. ')'
end
