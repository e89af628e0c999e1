local VolumetricMaxPooling, parent = torch.class('nn.VolumetricMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

-- Version 2 added ceil mode (version 1 files get floor mode in read).
VolumetricMaxPooling.__version = 2

--[[ Max over kT x kH x kW windows of each volume.
ARGS: kT, kW, kH (window), dT, dW, dH (step, default the window), padT, padW, padH (default 0) ]]
function VolumetricMaxPooling:__init(kT, kW, kH, dT, dW, dH, padT, padW, padH)
   parent.__init(self)
   self.kT, self.kH, self.kW = kT, kH, kW
   self.dT, self.dW, self.dH = dT or kT, dW or kW, dH or kH
   self.padT, self.padW, self.padH = padT or 0, padW or 0, padH or 0
   self.ceil_mode = false
   self.indices = torch.LongTensor()
end

--[[ Round output sizes up. RETURN: self ]]
function VolumetricMaxPooling:ceil()
   self.ceil_mode = true
   return self
end

--[[ Round output sizes down (the default). RETURN: self ]]
function VolumetricMaxPooling:floor()
   self.ceil_mode = false
   return self
end

-- Output length along one axis; the last window must start inside the input or its padding.
local function outputLength(n, k, d, pad, ceilMode)
   local span = n - k + 2 * pad
   local o = (ceilMode and math.ceil(span / d) or math.floor(span / d)) + 1
   if pad ~= 0 and (o - 1) * d >= n + pad then o = o - 1 end
   return o
end

--[[ Check a 4-D or 5-D input against the window (self's kT.., dT.., padT.. fields; pads
default to 0) and return the output size. Shared with nn.VolumetricAveragePooling. ]]
function VolumetricMaxPooling._poolSize(self, input, ceilMode)
   local name, d = torch.type(self), input:dim()
   if d ~= 4 and d ~= 5 then
      error(name .. ': 4D or 5D (batch mode) tensor expected for input, got ' .. d .. 'D', 3)
   end
   local pT, pW, pH = self.padT or 0, self.padW or 0, self.padH or 0
   if math.min(self.kT, self.kW, self.kH, self.dT, self.dW, self.dH) <= 0 then
      error(name .. ': kernel size and stride must be greater than zero', 3)
   end
   if math.floor(self.kT / 2) < pT or math.floor(self.kW / 2) < pW
      or math.floor(self.kH / 2) < pH then
      error(name .. ': pad should be smaller than half of kernel size', 3)
   end
   local size = input:size()
   size[d - 2] = outputLength(size[d - 2], self.kT, self.dT, pT, ceilMode)
   size[d - 1] = outputLength(size[d - 1], self.kH, self.dH, pH, ceilMode)
   size[d] = outputLength(size[d], self.kW, self.dW, pW, ceilMode)
   if size[d - 2] < 1 or size[d - 1] < 1 or size[d] < 1 then
      error(name .. ': output size is too small for this input', 3)
   end
   return size
end

function VolumetricMaxPooling:updateOutput(input)
   local d = input:dim()
   self.itime, self.iheight, self.iwidth = input:size(d - 2), input:size(d - 1), input:size(d)
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   local size = self:_poolSize(input, self.ceil_mode)
   self.output:resize(size)
   self.indices:resize(size)
   K.VolumetricMaxPooling_updateOutput(np(input), np(self.output), np(self.indices), self.kT,
      self.kW, self.kH, self.dT, self.dW, self.dH, self.padT, self.padW, self.padH,
      self.ceil_mode)
   return self.output
end

function VolumetricMaxPooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSameSizeAs(self.indices) then
      error('nn.VolumetricMaxPooling: gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   K.VolumetricMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices), self.kT, self.kW, self.kH, self.dT, self.dW, self.dH, self.padT,
      self.padW, self.padH, self.ceil_mode)
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function VolumetricMaxPooling:empty()
   self:clearState()
end

function VolumetricMaxPooling:clearState()
   if self.indices then self.indices:set() end
   return parent.clearState(self)
end

function VolumetricMaxPooling:read(file, version)
   parent.read(self, file)
   if version < 2 then self.ceil_mode = false end
end

function VolumetricMaxPooling:__tostring__()
   local s = string.format('%s(%dx%dx%d, %d,%d,%d', torch.type(self), self.kT, self.kW,
      self.kH, self.dT, self.dW, self.dH)
   if (self.padT or 0) ~= 0 or (self.padW or 0) ~= 0 or (self.padH or 0) ~= 0 then
      s = s .. ', ' .. self.padT .. ',' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end
