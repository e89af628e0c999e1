local SpatialDilatedMaxPooling, parent =
   torch.class('nn.SpatialDilatedMaxPooling', 'nn.SpatialMaxPooling')
local K, np = torch._bridge.K, torch._np

--[[ Max over kW x kH windows whose taps sit dilationW / dilationH apart.
ARGS: kW, kH (window), dW, dH (step, default the window), padW, padH (default 0),
dilationW, dilationH (tap spacing, default 1) ]]
function SpatialDilatedMaxPooling:__init(kW, kH, dW, dH, padW, padH, dilationW, dilationH)
   parent.__init(self, kW, kH, dW, dH, padW, padH)
   self.dilationW = dilationW or 1
   self.dilationH = dilationH or 1
end

-- Output length along one axis for a window spanning `span` input positions; the last
-- window must start inside the input or its padding.
local function outputLength(n, span, d, pad, ceilMode)
   local room = n - span + 2 * pad
   local o = (ceilMode and math.ceil(room / d) or math.floor(room / d)) + 1
   if pad ~= 0 and (o - 1) * d >= n + pad then o = o - 1 end
   return o
end

local function outputShape(self, input)
   local name, nd = torch.type(self), input:dim()
   if nd ~= 3 and nd ~= 4 then
      error(name .. ': 3D or 4D input tensor expected, got ' .. nd .. 'D', 3)
   end
   if self.kW <= 0 or self.kH <= 0 or self.dW <= 0 or self.dH <= 0 then
      error(name .. ': kernel size and stride must be greater than zero', 3)
   end
   if self.dilationW <= 0 or self.dilationH <= 0 then
      error(string.format('%s: dilation should be greater than zero, got dilationH = %d,'
         .. ' dilationW = %d', name, self.dilationH, self.dilationW), 3)
   end
   if math.floor(self.kW / 2) < self.padW or math.floor(self.kH / 2) < self.padH then
      error(string.format('%s: pad should be smaller than half of kernel size, got padW = %d,'
         .. ' padH = %d, kW = %d, kH = %d', name, self.padW, self.padH, self.kW, self.kH), 3)
   end
   local iH, iW = input:size(nd - 1), input:size(nd)
   local spanH, spanW = self:_span()
   local oH = outputLength(iH, spanH, self.dH, self.padH, self.ceil_mode)
   local oW = outputLength(iW, spanW, self.dW, self.padW, self.ceil_mode)
   if oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%dx%d gives output of %dx%dx%d, too small', name,
         input:size(nd - 2), iH, iW, input:size(nd - 2), oH, oW), 3)
   end
   return oH, oW
end

-- Input rows and columns covered by one window (height, width).
function SpatialDilatedMaxPooling:_span()
   return (self.kH - 1) * self.dilationH + 1, (self.kW - 1) * self.dilationW + 1
end

function SpatialDilatedMaxPooling:updateOutput(input)
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   local oH, oW = outputShape(self, input)
   local nd = input:dim()
   self.iheight, self.iwidth = input:size(nd - 1), input:size(nd)
   local size = input:size()
   size[nd - 1], size[nd] = oH, oW
   self.output:resize(size)
   self.indices:resize(size)
   K.SpatialDilatedMaxPooling_updateOutput(np(input), np(self.output), np(self.indices),
      self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.dilationW, self.dilationH,
      self.ceil_mode)
   return self.output
end

function SpatialDilatedMaxPooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSameSizeAs(self.indices) then
      error(torch.type(self) .. ': gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   -- indices hold flat input positions, so the plain max-pooling backward routes the
   -- gradient; it is told the full window span so that overlapping windows add up
   local spanH, spanW = self:_span()
   K.SpatialMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices), spanW, spanH, self.dW, self.dH, self.padW, self.padH, self.ceil_mode)
   return self.gradInput
end

function SpatialDilatedMaxPooling:__tostring__()
   local s = string.format('%s(%dx%d, %d,%d', torch.type(self), self.kW, self.kH,
      self.dW, self.dH)
   if (self.padW or 0) ~= 0 or (self.padH or 0) ~= 0 then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s .. ', ' .. self.dilationW .. ',' .. self.dilationH .. ')'
end
