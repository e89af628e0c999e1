local VolumetricReplicationPadding, parent =
   torch.class('nn.VolumetricReplicationPadding', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Pad each volume of a 4-D or 5-D input with copies of its border slices (negative pads
crop). ARGS: pleft, pright, ptop, pbottom, pfront, pback (all but pleft default to pleft) ]]
function VolumetricReplicationPadding:__init(pleft, pright, ptop, pbottom, pfront, pback)
   parent.__init(self)
   self.pleft = pleft
   self.pright = pright or pleft
   self.ptop = ptop or pleft
   self.pbottom = pbottom or pleft
   self.pfront = pfront or pleft
   self.pback = pback or pleft
end

-- Volumes in the input (planes times batch), its (T, H, W) and the padded (T, H, W).
local function shapes(self, input)
   local nd = input:dim()
   if nd ~= 4 and nd ~= 5 then
      error(torch.type(self) .. ': input must be 4 or 5-dimensional, got ' .. nd .. 'D', 3)
   end
   local lead = nd == 4 and input:size(1) or input:size(1) * input:size(2)
   local iT, iH, iW = input:size(nd - 2), input:size(nd - 1), input:size(nd)
   local oT = iT + self.pfront + self.pback
   local oH = iH + self.ptop + self.pbottom
   local oW = iW + self.pleft + self.pright
   if oT < 1 or oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%dx%d is too small for the pads (output %dx%dx%d)',
         torch.type(self), iT, iH, iW, oT, oH, oW), 3)
   end
   return lead, { iT, iH, iW }, { oT, oH, oW }
end

-- Both passes go through the 2-D replication kernels: first rows and columns of every
-- slice, then whole slices along the depth (each padded slice flattened to one row).
function VolumetricReplicationPadding:updateOutput(input)
   local lead, i, o = shapes(self, input)
   local x = input:contiguous()
   self._slices = self._slices or input.new()
   self._slices:resize(lead * i[1], o[2], o[3])
   K.SpatialReplicationPadding_updateOutput(np(x:view(lead * i[1], i[2], i[3])),
      np(self._slices), self.pleft, self.pright, self.ptop, self.pbottom)
   local size = input:size()
   local nd = input:dim()
   size[nd - 2], size[nd - 1], size[nd] = o[1], o[2], o[3]
   self.output:resize(size)
   K.SpatialReplicationPadding_updateOutput(np(self._slices:view(lead, i[1], o[2] * o[3])),
      np(self.output:view(lead, o[1], o[2] * o[3])), 0, 0, self.pfront, self.pback)
   return self.output
end

function VolumetricReplicationPadding:updateGradInput(input, gradOutput)
   local lead, i, o = shapes(self, input)
   local nd = input:dim()
   local want = input:size()
   want[nd - 2], want[nd - 1], want[nd] = o[1], o[2], o[3]
   if gradOutput:dim() ~= nd or not gradOutput:isSize(want) then
      error(torch.type(self) .. ': input and gradOutput must be compatible in size', 2)
   end
   local g = gradOutput:contiguous()
   self._slices = self._slices or input.new()
   local slices = self._slices:resize(lead, i[1], o[2] * o[3])
   K.SpatialReplicationPadding_updateGradInput(np(slices), np(g:view(lead, o[1], o[2] * o[3])),
      np(slices), 0, 0, self.pfront, self.pback)
   self.gradInput:resizeAs(input)
   local gi = self.gradInput:view(lead * i[1], i[2], i[3])
   K.SpatialReplicationPadding_updateGradInput(np(gi), np(slices:view(lead * i[1], o[2], o[3])),
      np(gi), self.pleft, self.pright, self.ptop, self.pbottom)
   return self.gradInput
end

function VolumetricReplicationPadding:clearState()
   self._slices = nil
   return parent.clearState(self)
end

function VolumetricReplicationPadding:__tostring__()
   return torch.type(self) .. string.format(
      '(left=%d, right=%d, top=%d, bottom=%d, front=%d, back=%d)',
      self.pleft, self.pright, self.ptop, self.pbottom, self.pfront, self.pback)
end
