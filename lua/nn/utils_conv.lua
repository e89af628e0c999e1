-- Pieces the convolution modules (nn.SpatialConvolution and its relatives) share, as functions
-- and ready-made methods in nn._conv. None of them adds or renames a field of the modules.
local K, np = torch._bridge.K, torch._np
local Module = nn.Module
local conv = {}
nn._conv = conv

--[[ Set the geometry fields of a 2-D convolution.
ARGS: self, nInputPlane, nOutputPlane, kW, kH (numbers), dW, dH (default 1), padW (default 0),
padH (default padW) ]]
function conv.setGeometry2d(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   self.nInputPlane = nInputPlane
   self.nOutputPlane = nOutputPlane
   self.kW = kW
   self.kH = kH
   self.dW = dW or 1
   self.dH = dH or 1
   self.padW = padW or 0
   self.padH = padH or self.padW
end

--[[ Allocate weight and gradWeight of the sizes `...`, bias and gradBias of nOutputPlane.
ARGS: self, nOutputPlane (number), ... (weight sizes) ]]
function conv.allocate(self, nOutputPlane, ...)
   self.weight = torch.Tensor(...)
   self.bias = torch.Tensor(nOutputPlane)
   self.gradWeight = torch.Tensor(...)
   self.gradBias = torch.Tensor(nOutputPlane)
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; a given stdv is multiplied by
sqrt(3), and it defaults to 1/sqrt(fanIn). A module that may have no bias (noBias) passes
optionalBias = true; otherwise the bias must be there.
ARGS: self, stdv (number or nil), fanIn (number), optionalBias (boolean or nil) RETURN: self ]]
function conv.resetUniform(self, stdv, fanIn, optionalBias)
   stdv = nn.utils.uniformBound(stdv, fanIn)
   self.weight:uniform(-stdv, stdv)
   if self.bias or not optionalBias then self.bias:uniform(-stdv, stdv) end
   return self
end
local resetUniform = conv.resetUniform

--[[ Methods reset of the 2-D and 3-D modules: resetUniform with a fan-in of
kW*kH*nInputPlane (kT*kW*kH*nInputPlane), the bias drawn when there is one.
ARGS: stdv (number or nil) RETURN: self ]]
function conv.reset2d(self, stdv)
   return resetUniform(self, stdv, self.kW * self.kH * self.nInputPlane, true)
end
function conv.reset3d(self, stdv)
   return resetUniform(self, stdv, self.kT * self.kW * self.kH * self.nInputPlane, true)
end

--[[ Method noBias: remove the bias (and its gradient). RETURN: self ]]
function conv.noBias(self)
   self.bias = nil
   self.gradBias = nil
   return self
end

--[[ Method type: the column buffers (when present) restart empty in the new type.
ARGS: typename, tensorCache (as nn.Module.type) RETURN: self ]]
function conv.type(self, typename, tensorCache)
   self.finput = self.finput and torch.Tensor()
   self.fgradInput = self.fgradInput and torch.Tensor()
   return Module.type(self, typename, tensorCache)
end

--[[ Method clearState: empty the column buffers, then what nn.Module clears. RETURN: self ]]
function conv.clearState(self)
   nn.utils.clear(self, 'finput', 'fgradInput', '_input', '_gradOutput')
   return Module.clearState(self)
end

--[[ Check that `input` is one sample of `nd` dimensions (planes, then `sizes`) or a batch,
with nInputPlane planes; errors name the module `name` and point at the caller of the update
method. ARGS: self, name, input, nd (number), sizes (e.g. 'H x W') RETURN: input:dim() ]]
function conv.checkPlanes(self, name, input, nd, sizes)
   local d = input:dim()
   if d ~= nd and d ~= nd + 1 then
      error(string.format('%s: input must be %d-D (nInputPlane x %s) or %d-D (batch x '
         .. 'nInputPlane x %s)', name, nd, sizes, nd + 1, sizes), 4)
   end
   if input:size(d - nd + 1) ~= self.nInputPlane then
      error(string.format('%s: input has %d planes, expected %d', name, input:size(d - nd + 1),
         self.nInputPlane), 4)
   end
   return d
end

--[[ Fill in what 2-D modules saved by older versions lack: the column buffers, and padW and
padH for a single `padding`. ARGS: self ]]
function conv.upgrade2d(self)
   self.finput = self.finput or self.weight.new()
   self.fgradInput = self.fgradInput or self.weight.new()
   if self.padding then
      self.padW = self.padding
      self.padH = self.padding
      self.padding = nil
   end
end

--[[ Run `call` (one kernel call over the current buffer views); when the kernel answers with
element counts, grow the buffers to them and run it again.
ARGS: call (function), a, b (buffer tensors; b may be nil) ]]
function conv.withBuffers(call, a, b)
   local na, nb = call()
   if na then
      a:resize(na)
      if b then b:resize(nb) end
      if call() then error('nn: convolution buffers could not be sized', 3) end
   end
end
local withBuffers = conv.withBuffers

--[[ Resize self.output to (nOutputPlane, oH, oW), with the batch size of a 4-D `input` in
front. ARGS: self, input, oH, oW ]]
function conv.resizeOutput2d(self, input, oH, oW)
   if input:dim() == 3 then
      self.output:resize(self.nOutputPlane, oH, oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, oH, oW)
   end
end
local resizeOutput2d = conv.resizeOutput2d

--[[ Give `class` the update methods of a 2-D convolution computed by the SpatialConvolutionMM
kernels. ARGS: class, upgrade (function(self): fills fields missing from older files),
checkInput (function(self, input) RETURN oH, oW; it raises its errors at level 3),
checkParams (function(self) or nil: run before gradients are accumulated) ]]
function conv.mmMethods(class, upgrade, checkInput, checkParams)
   function class.updateOutput(self, input)
      upgrade(self)
      resizeOutput2d(self, input, checkInput(self, input))
      withBuffers(function()
         return K.SpatialConvolutionMM_updateOutput(np(input), np(self.output), np(self.weight),
            self.bias and np(self.bias), np(self.finput), np(self.fgradInput),
            self.kW, self.kH, self.dW, self.dH, self.padW, self.padH)
      end, self.finput, self.fgradInput)
      return self.output
   end
   function class.updateGradInput(self, input, gradOutput)
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
   function class.accGradParameters(self, input, gradOutput, scale)
      upgrade(self)
      checkInput(self, input)
      if checkParams then checkParams(self) end
      withBuffers(function()
         return K.SpatialConvolutionMM_accGradParameters(np(input), np(gradOutput),
            np(self.gradWeight), self.gradBias and np(self.gradBias), np(self.finput),
            np(self.fgradInput), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
            scale or 1)
      end, self.finput, self.fgradInput)
   end
end

--[[ Finish a full convolution's updateGradInput: given {x, target}, the target only gives a
size, so gradInput becomes {gradient of x, zeros expanded to the target}.
ARGS: self, input (tensor or table) RETURN: self.gradInput ]]
function conv.fullGradInput(self, input)
   if torch.type(input) == 'table' then
      local target = input[2]
      self.zeroScalar = self.zeroScalar or target.new(1):zero()
      self.ones:resize(target:dim()):fill(1)
      local zero = self.zeroScalar:view(unpack(self.ones:totable())):expandAs(target)
      self.gradInput = { self.gradInput, zero }
   end
   return self.gradInput
end

--[[ The start of a 2-D module's __tostring__: type, planes, kernel size (after `sizes` when
given), then strides and padding where they differ from the defaults.
ARGS: self, sizes (string or nil) RETURN: string ]]
function conv.describe2d(self, sizes)
   local s = string.format('%s(%d -> %d, %s%dx%d', torch.type(self), self.nInputPlane,
      self.nOutputPlane, sizes or '', self.kW, self.kH)
   if self.dW ~= 1 or self.dH ~= 1 or self.padW ~= 0 or self.padH ~= 0 then
      s = s .. string.format(', %d,%d', self.dW, self.dH)
   end
   if (self.padW or self.padH) and (self.padW ~= 0 or self.padH ~= 0) then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s
end

-- describe2d for the 3-D modules (kernel kTxkWxkH).
function conv.describe3d(self)
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
   return s
end

--[[ Close a description, noting a module without bias. ARGS: self, s (string) RETURN: string ]]
function conv.closeBias(self, s)
   if self.bias then return s .. ')' end
   return s .. ') without bias'
end

return conv
