local SpatialConvolution, parent = torch.class('nn.SpatialConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ 2-D convolution over an input of nInputPlane planes.
ARGS: nInputPlane, nOutputPlane, kW, kH (numbers), dW, dH (strides, default 1),
padW (default 0), padH (default padW) ]]
function SpatialConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.dW = dW or 1
   self.dH = dH or 1
   self.padW = padW or 0
   self.padH = padH or self.padW
   self.weight = torch.Tensor(nOutputPlane, nInputPlane, kH, kW)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(nOutputPlane, nInputPlane, kH, kW)
   self.gradBias = torch.Tensor(nOutputPlane)
   self:reset()
end

--[[ Remove the bias (and its gradient). RETURN: self ]]
function SpatialConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kW*kH*nInputPlane), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function SpatialConvolution:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

-- Modules saved by older versions: `padding` instead of padW/padH, a 2-D weight, no buffers.
local function upgrade(self)
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   if self.padding then
      self.padW = self.padding
      self.padH = self.padding
      self.padding = nil
   else
      self.padW = self.padW or 0
      self.padH = self.padH or 0
   end
   local o, i, kH, kW = self.nOutputPlane, self.nInputPlane, self.kH, self.kW
   if self.weight:dim() == 2 then self.weight = self.weight:view(o, i, kH, kW) end
   if self.gradWeight and self.gradWeight:dim() == 2 then
      self.gradWeight = self.gradWeight:view(o, i, kH, kW)
   end
end

-- Check the input and size the output; RETURN the output height and width.
function SpatialConvolution:_checkInput(input)
   local name, d = torch.type(self), input:dim()
   if d ~= 3 and d ~= 4 then
      error(name .. ': input must be 3-D (nInputPlane x H x W) or 4-D (batch x nInputPlane x '
         .. 'H x W)', 3)
   end
   if input:size(d - 2) ~= self.nInputPlane then
      error(string.format('%s: input has %d planes, expected %d', name, input:size(d - 2),
         self.nInputPlane), 3)
   end
   local dilW, dilH = self.dilationW or 1, self.dilationH or 1
   local oH = math.floor((input:size(d - 1) + 2 * self.padH - (dilH * (self.kH - 1) + 1))
      / self.dH) + 1
   local oW = math.floor((input:size(d) + 2 * self.padW - (dilW * (self.kW - 1) + 1))
      / self.dW) + 1
   if oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%d gives an output of %dx%d, which is too small',
         name, input:size(d - 1), input:size(d), oH, oW), 3)
   end
   return oH, oW
end

-- Run `call` (one kernel call over the current buffer views); when the kernel answers with
-- element counts, grow the buffers to them and run it again.
function SpatialConvolution._withBuffers(call, a, b)
   local na, nb = call()
   if na then
      a:resize(na)
      if b then b:resize(nb) end
      if call() then error('nn: convolution buffers could not be sized', 3) end
   end
end
local withBuffers = SpatialConvolution._withBuffers

function SpatialConvolution:updateOutput(input)
   upgrade(self)
   local oH, oW = self:_checkInput(input)
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

function SpatialConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      upgrade(self)
      self:_checkInput(input)
      self.gradInput:resizeAs(input)
      withBuffers(function()
         return K.SpatialConvolutionMM_updateGradInput(np(input), np(gradOutput),
            np(self.gradInput), np(self.weight), np(self.finput), np(self.fgradInput),
            self.kW, self.kH, self.dW, self.dH, self.padW, self.padH)
      end, self.fgradInput)
      return self.gradInput
   end
end

function SpatialConvolution:accGradParameters(input, gradOutput, scale)
   upgrade(self)
   self:_checkInput(input)
   withBuffers(function()
      return K.SpatialConvolutionMM_accGradParameters(np(input), np(gradOutput),
         np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
         np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
         scale or 1)
   end, self.finput, self.fgradInput)
end

function SpatialConvolution:type(typename, tensorCache)
   self.finput = self.finput and torch.Tensor()
   self.fgradInput = self.fgradInput and torch.Tensor()
   return parent.type(self, typename, tensorCache)
end

function SpatialConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function SpatialConvolution:__tostring__()
   local s = string.format('%s(%d -> %d, %dx%d', torch.type(self), self.nInputPlane,
      self.nOutputPlane, self.kW, self.kH)
   if self.dW ~= 1 or self.dH ~= 1 or self.padW ~= 0 or self.padH ~= 0 then
      s = s .. string.format(', %d,%d', self.dW, self.dH)
   end
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   if self.bias then return s .. ')' end
   return s .. ') without bias'
end
