local VolumetricDilatedMaxPooling, parent =
   torch.class('nn.VolumetricDilatedMaxPooling', 'nn.VolumetricMaxPooling')
local K, np = torch._bridge.K, torch._np

--[[ Max over kT x kH x kW windows whose taps sit dilationT / dilationH / dilationW apart.
ARGS: as nn.VolumetricMaxPooling, then dilationT, dilationW, dilationH (tap spacing,
default 1) ]]
function VolumetricDilatedMaxPooling:__init(kT, kW, kH, dT, dW, dH, padT, padW, padH,
                                            dilationT, dilationW, dilationH)
   parent.__init(self, kT, kW, kH, dT, dW, dH, padT, padW, padH)
   self.dilationT = dilationT or 1
   self.dilationW = dilationW or 1
   self.dilationH = dilationH or 1
end

-- Output length along one axis for taps k apart by dil; the last window must start inside
-- the input or its padding.
local function outputLength(n, k, d, pad, dil, ceilMode)
   local room = n - (k - 1) * dil - 1 + 2 * pad
   local o = (ceilMode and math.ceil(room / d) or math.floor(room / d)) + 1
   if pad ~= 0 and (o - 1) * d >= n + pad then o = o - 1 end
   return o
end

-- Check the input and the settings; RETURN the output size.
local function outputSize(self, input)
   local name, nd = torch.type(self), input:dim()
   if nd ~= 4 and nd ~= 5 then
      error(name .. ': 4D or 5D (batch mode) tensor expected for input, got ' .. nd .. 'D', 3)
   end
   if math.min(self.kT, self.kW, self.kH, self.dT, self.dW, self.dH) <= 0 then
      error(name .. ': kernel size and stride must be greater than zero', 3)
   end
   if math.min(self.dilationT, self.dilationW, self.dilationH) <= 0 then
      error(string.format('%s: dilation should be greater than zero, got dilationT = %d,'
         .. ' dilationH = %d, dilationW = %d', name, self.dilationT, self.dilationH,
         self.dilationW), 3)
   end
   if math.floor(self.kT / 2) < self.padT or math.floor(self.kW / 2) < self.padW
      or math.floor(self.kH / 2) < self.padH then
      error(name .. ': pad should be smaller than half of kernel size', 3)
   end
   local size = input:size()
   local iT, iH, iW = size[nd - 2], size[nd - 1], size[nd]
   size[nd - 2] = outputLength(iT, self.kT, self.dT, self.padT, self.dilationT, self.ceil_mode)
   size[nd - 1] = outputLength(iH, self.kH, self.dH, self.padH, self.dilationH, self.ceil_mode)
   size[nd] = outputLength(iW, self.kW, self.dW, self.padW, self.dilationW, self.ceil_mode)
   if size[nd - 2] < 1 or size[nd - 1] < 1 or size[nd] < 1 then
      error(string.format('%s: input of %dx%dx%d gives output of %dx%dx%d, too small', name,
         iT, iH, iW, size[nd - 2], size[nd - 1], size[nd]), 3)
   end
   return size
end

function VolumetricDilatedMaxPooling:updateOutput(input)
   local nd = input:dim()
   local size = outputSize(self, input)
   self.itime, self.iheight, self.iwidth = input:size(nd - 2), input:size(nd - 1), input:size(nd)
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   self.output:resize(size)
   self.indices:resize(size)
   K.VolumetricDilatedMaxPooling_updateOutput(np(input), np(self.output), np(self.indices),
      self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH,
      self.dilationT, self.dilationW, self.dilationH, self.ceil_mode)
   return self.output
end

function VolumetricDilatedMaxPooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSameSizeAs(self.indices) then
      error(torch.type(self) .. ': gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   K.VolumetricDilatedMaxPooling_updateGradInput(np(input), np(gradOutput),
      np(self.gradInput), np(self.indices), self.kT, self.kW, self.kH, self.dT, self.dW,
      self.dH, self.padT, self.padW, self.padH, self.dilationT, self.dilationW,
      self.dilationH, self.ceil_mode)
   return self.gradInput
end

function VolumetricDilatedMaxPooling:__tostring__()
   local s = string.format('%s(%dx%dx%d, %d,%d,%d', torch.type(self), self.kT, self.kW,
      self.kH, self.dT, self.dW, self.dH)
   if (self.padT or 0) ~= 0 or (self.padW or 0) ~= 0 or (self.padH or 0) ~= 0 then
      s = s .. ', ' .. self.padT .. ',' .. self.padW .. ',' .. self.padH
   end
   return s .. ', ' .. self.dilationT .. ',' .. self.dilationW .. ',' .. self.dilationH .. ')'
end
