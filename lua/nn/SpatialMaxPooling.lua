local SpatialMaxPooling, parent = torch.class('nn.SpatialMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Max over kW x kH windows of each plane.
ARGS: kW, kH (window), dW, dH (step, default the window), padW, padH (default 0) ]]
function SpatialMaxPooling:__init(kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   self.kW, self.kH = kW, kH
   self.dW, self.dH = dW or kW, dH or kH
   self.padW, self.padH = padW or 0, padH or 0
   self.ceil_mode = false
   self.indices = torch.LongTensor()
end

--[[ Round output sizes up (the last window may overhang the input). RETURN: self ]]
function SpatialMaxPooling:ceil()
   self.ceil_mode = true
   return self
end

--[[ Round output sizes down (the default). RETURN: self ]]
function SpatialMaxPooling:floor()
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

--[[ Check a 3-D or 4-D input against the window and return (planes, oH, oW) plus the
height/width dimension numbers. Shared with nn.SpatialAveragePooling through the class table. ]]
function SpatialMaxPooling._poolShape(self, input, name)
   local nd = input:dim()
   if nd ~= 3 and nd ~= 4 then
      error(name .. ': 3D or 4D input tensor expected, got ' .. nd .. 'D', 3)
   end
   if self.kW <= 0 or self.kH <= 0 or self.dW <= 0 or self.dH <= 0 then
      error(name .. ': kernel size and stride must be greater than zero', 3)
   end
   if math.floor(self.kW / 2) < self.padW or math.floor(self.kH / 2) < self.padH then
      error(string.format('%s: pad should be smaller than half of kernel size, got padW = %d,'
         .. ' padH = %d, kW = %d, kH = %d', name, self.padW, self.padH, self.kW, self.kH), 3)
   end
   local iH, iW = input:size(nd - 1), input:size(nd)
   local oH = outputLength(iH, self.kH, self.dH, self.padH, self.ceil_mode)
   local oW = outputLength(iW, self.kW, self.dW, self.padW, self.ceil_mode)
   if oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%dx%d gives output of %dx%dx%d, too small', name,
         input:size(nd - 2), iH, iW, input:size(nd - 2), oH, oW), 3)
   end
   return oH, oW
end

local function resizeLike(t, input, oH, oW)
   if input:dim() == 3 then
      t:resize(input:size(1), oH, oW)
   else
      t:resize(input:size(1), input:size(2), oH, oW)
   end
end

function SpatialMaxPooling:updateOutput(input)
   -- files saved by older versions lack these fields
   self.ceil_mode = self.ceil_mode or false
   self.padW, self.padH = self.padW or 0, self.padH or 0
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   local oH, oW = self:_poolShape(input, torch.type(self))
   self.iheight, self.iwidth = input:size(input:dim() - 1), input:size(input:dim())
   resizeLike(self.output, input, oH, oW)
   resizeLike(self.indices, input, oH, oW)
   K.SpatialMaxPooling_updateOutput(np(input), np(self.output), np(self.indices),
      self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.ceil_mode)
   return self.output
end

function SpatialMaxPooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSameSizeAs(self.indices) then
      error(torch.type(self) .. ': gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   K.SpatialMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices), self.kW, self.kH, self.dW, self.dH, self.padW, self.padH,
      self.ceil_mode)
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function SpatialMaxPooling:empty()
   self:clearState()
end

function SpatialMaxPooling:clearState()
   if self.indices then self.indices:set() end
   return parent.clearState(self)
end

function SpatialMaxPooling:__tostring__()
   local s = string.format('%s(%dx%d, %d,%d', torch.type(self), self.kW, self.kH,
      self.dW, self.dH)
   if (self.padW or 0) ~= 0 or (self.padH or 0) ~= 0 then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end
