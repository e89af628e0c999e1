local SpatialZeroPadding, parent = torch.class('nn.SpatialZeroPadding', 'nn.Module')
local K, np = torch._bridge.K, torch._np

-- The kernels of each padding class; SpatialReflectionPadding and SpatialReplicationPadding
-- reuse these methods with their own kernels (see their files).
SpatialZeroPadding._kernels = {
   updateOutput = K.SpatialZeroPadding_updateOutput,
   updateGradInput = K.SpatialZeroPadding_updateGradInput,
}

--[[ Pad each plane of a 3-D or 4-D input with zeros.
ARGS: pad_l, pad_r, pad_t, pad_b (pad_r, pad_t and pad_b default to pad_l) ]]
function SpatialZeroPadding:__init(pad_l, pad_r, pad_t, pad_b)
   parent.__init(self)
   self.pad_l = pad_l
   self.pad_r = pad_r or self.pad_l
   self.pad_t = pad_t or self.pad_l
   self.pad_b = pad_b or self.pad_l
end

-- The padded size of a 3-D or 4-D input (error otherwise).
local function paddedSize(self, input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error(torch.type(self) .. ': input must be 3 or 4-dimensional', 3)
   end
   local size = input:size()
   size[d - 1] = size[d - 1] + self.pad_t + self.pad_b
   size[d] = size[d] + self.pad_l + self.pad_r
   if size[d - 1] < 1 or size[d] < 1 then
      error(torch.type(self) .. ': input is too small for these pads', 3)
   end
   return size
end

function SpatialZeroPadding:updateOutput(input)
   self.output:resize(paddedSize(self, input))
   self._kernels.updateOutput(np(input), np(self.output),
      self.pad_l, self.pad_r, self.pad_t, self.pad_b)
   return self.output
end

function SpatialZeroPadding:updateGradInput(input, gradOutput)
   if gradOutput:dim() ~= input:dim() or not gradOutput:isSize(paddedSize(self, input)) then
      error(torch.type(self) .. ': input and gradOutput must be compatible in size', 2)
   end
   self.gradInput:resizeAs(input)
   self._kernels.updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      self.pad_l, self.pad_r, self.pad_t, self.pad_b)
   return self.gradInput
end

function SpatialZeroPadding:__tostring__()
   return torch.type(self) .. string.format('(l=%d, r=%d, t=%d, b=%d)', self.pad_l, self.pad_r,
      self.pad_t, self.pad_b)
end
