local SpatialReplicationPadding, parent = torch.class('nn.SpatialReplicationPadding', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Pad each plane of a 3-D or 4-D input with copies of the input's border rows and columns.
ARGS: pad_l, pad_r, pad_t, pad_b (pad_r, pad_t and pad_b default to pad_l) ]]
function SpatialReplicationPadding:__init(pad_l, pad_r, pad_t, pad_b)
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

function SpatialReplicationPadding:updateOutput(input)
   self.output:resize(paddedSize(self, input))
   K.SpatialReplicationPadding_updateOutput(np(input), np(self.output),
      self.pad_l, self.pad_r, self.pad_t, self.pad_b)
   return self.output
end

function SpatialReplicationPadding:updateGradInput(input, gradOutput)
   if gradOutput:dim() ~= input:dim() or not gradOutput:isSize(paddedSize(self, input)) then
      error(torch.type(self) .. ': input and gradOutput must be compatible in size', 2)
   end
   self.gradInput:resizeAs(input)
   K.SpatialReplicationPadding_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      self.pad_l, self.pad_r, self.pad_t, self.pad_b)
   return self.gradInput
end

function SpatialReplicationPadding:__tostring__()
   return torch.type(self) .. string.format('(l=%d, r=%d, t=%d, b=%d)', self.pad_l, self.pad_r,
      self.pad_t, self.pad_b)
end
