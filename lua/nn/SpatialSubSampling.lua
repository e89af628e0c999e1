local SpatialSubSampling, parent = torch.class('nn.SpatialSubSampling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Sum over kW x kH windows of each plane, times a trainable per-plane weight, plus a
per-plane bias (the sub-sampling layer of LeNet-style networks).
ARGS: nInputPlane, kW, kH (window), dW, dH (step, default 1) ]]
function SpatialSubSampling:__init(nInputPlane, kW, kH, dW, dH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.kW, self.kH = kW, kH
   self.dW, self.dH = dW or 1, dH or 1
   self.weight = torch.Tensor(nInputPlane)
   self.bias = torch.Tensor(nInputPlane)
   self.gradWeight = torch.Tensor(nInputPlane)
   self.gradBias = torch.Tensor(nInputPlane)
   self:reset()
end

--[[ Weights and biases uniform in [-stdv, stdv]: stdv = 1/sqrt(kW*kH), or the given stdv
times sqrt(3). Draws the weights, then the biases, from the torch generator. ]]
function SpatialSubSampling:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.kW * self.kH)
   if nn.oldSeed then
      self.weight:apply(function() return torch.uniform(-stdv, stdv) end)
      self.bias:apply(function() return torch.uniform(-stdv, stdv) end)
   else
      self.weight:uniform(-stdv, stdv)
      self.bias:uniform(-stdv, stdv)
   end
end

-- Output height and width for `input`, after checking it.
local function outputShape(self, input)
   local nd = input:dim()
   if nd ~= 3 and nd ~= 4 then
      error('nn.SpatialSubSampling: 3D or 4D input tensor expected, got ' .. nd .. 'D', 3)
   end
   if input:size(nd - 2) ~= self.weight:size(1) then
      error(string.format('nn.SpatialSubSampling: input has %d planes, expected %d',
         input:size(nd - 2), self.weight:size(1)), 3)
   end
   local iH, iW = input:size(nd - 1), input:size(nd)
   if iW < self.kW or iH < self.kH then
      error(string.format('nn.SpatialSubSampling: input image (%dx%d) smaller than kernel '
         .. 'size (%dx%d)', iH, iW, self.kH, self.kW), 3)
   end
   return math.floor((iH - self.kH) / self.dH) + 1, math.floor((iW - self.kW) / self.dW) + 1
end

local function checkGradOutput(self, input, gradOutput)
   local oH, oW = outputShape(self, input)
   local nd = input:dim()
   if gradOutput:dim() ~= nd or gradOutput:size(nd - 2) ~= input:size(nd - 2)
      or gradOutput:size(nd - 1) ~= oH or gradOutput:size(nd) ~= oW
      or (nd == 4 and gradOutput:size(1) ~= input:size(1)) then
      error('nn.SpatialSubSampling: gradOutput does not match the output size', 3)
   end
end

function SpatialSubSampling:updateOutput(input)
   local oH, oW = outputShape(self, input)
   if input:dim() == 3 then
      self.output:resize(input:size(1), oH, oW)
   else
      self.output:resize(input:size(1), input:size(2), oH, oW)
   end
   K.SpatialSubSampling_updateOutput(np(input), np(self.output), np(self.weight),
      np(self.bias), self.kW, self.kH, self.dW, self.dH)
   return self.output
end

function SpatialSubSampling:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkGradOutput(self, input, gradOutput)
      self.gradInput:resizeAs(input)
      K.SpatialSubSampling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
         np(self.weight), self.kW, self.kH, self.dW, self.dH)
      return self.gradInput
   end
end

function SpatialSubSampling:accGradParameters(input, gradOutput, scale)
   checkGradOutput(self, input, gradOutput)
   K.SpatialSubSampling_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), self.kW, self.kH, self.dW, self.dH, scale or 1)
end
