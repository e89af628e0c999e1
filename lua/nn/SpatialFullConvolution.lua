local SpatialFullConvolution, parent = torch.class('nn.SpatialFullConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local withBuffers = nn.SpatialConvolution._withBuffers

--[[ Full (transposed) 2-D convolution: each input pixel spreads a kH x kW patch over the
output. ARGS: nInputPlane, nOutputPlane, kW, kH, dW, dH (default 1), padW, padH (default 0),
adjW, adjH (extra output columns/rows, default 0, smaller than the strides) ]]
function SpatialFullConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH,
                                       adjW, adjH)
   parent.__init(self)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.dW = dW or 1
   self.dH = dH or 1
   self.padW = padW or 0
   self.padH = padH or 0
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

--[[ Remove the bias (and its gradient). RETURN: self ]]
function SpatialFullConvolution:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kW*kH*nInputPlane), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function SpatialFullConvolution:reset(stdv)
   if stdv then
      stdv = stdv * math.sqrt(3)
   else
      stdv = 1 / math.sqrt(self.kW * self.kH * self.nInputPlane)
   end
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

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
   local d = x:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialFullConvolution: input must be 3-D (nInputPlane x H x W) or 4-D '
         .. '(batch x nInputPlane x H x W)', 3)
   end
   if x:size(d - 2) ~= self.nInputPlane then
      error(string.format('nn.SpatialFullConvolution: input has %d planes, expected %d',
         x:size(d - 2), self.nInputPlane), 3)
   end
   local oH = (x:size(d - 1) - 1) * self.dH - 2 * self.padH + self.kH + adjH
   local oW = (x:size(d) - 1) * self.dW - 2 * self.padW + self.kW + adjW
   if oH < 1 or oW < 1 then
      error(string.format('nn.SpatialFullConvolution: output of %dx%d is too small', oH, oW), 3)
   end
   return x, adjW, adjH, oH, oW
end

function SpatialFullConvolution:updateOutput(input)
   local x, adjW, adjH, oH, oW = prepare(self, input)
   if x:dim() == 3 then
      self.output:resize(self.nOutputPlane, oH, oW)
   else
      self.output:resize(x:size(1), self.nOutputPlane, oH, oW)
   end
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
      if torch.type(input) == 'table' then
         -- the target only gives a size: its gradient is zero
         self.zeroScalar = self.zeroScalar or input[2].new(1):zero()
         self.ones:resize(input[2]:dim()):fill(1)
         local zero = self.zeroScalar:view(unpack(self.ones:totable())):expandAs(input[2])
         self.gradInput = { self.gradInput, zero }
      end
      return self.gradInput
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

function SpatialFullConvolution:type(typename, tensorCache)
   self.finput = self.finput and torch.Tensor()
   self.fgradInput = self.fgradInput and torch.Tensor()
   return parent.type(self, typename, tensorCache)
end

function SpatialFullConvolution:clearState()
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return parent.clearState(self)
end

function SpatialFullConvolution:__tostring__()
   local s = string.format('%s(%d -> %d, %dx%d', torch.type(self), self.nInputPlane,
      self.nOutputPlane, self.kW, self.kH)
   if self.dW ~= 1 or self.dH ~= 1 or self.padW ~= 0 or self.padH ~= 0 then
      s = s .. string.format(', %d,%d', self.dW, self.dH)
   end
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   if (self.adjW or self.adjH) and (self.adjW ~= 0 or self.adjH ~= 0) then
      s = s .. ', ' .. self.adjW .. ',' .. self.adjH
   end
   if self.bias then return s .. ')' end
   return s .. ') without bias'
end
