local SpatialAdaptiveMaxPooling, parent =
   torch.class('nn.SpatialAdaptiveMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Max pooling whose windows adapt so that every plane becomes H x W.
ARGS: W, H (output width and height) ]]
function SpatialAdaptiveMaxPooling:__init(W, H)
   parent.__init(self)
   self.W = W
   self.H = H
end

function SpatialAdaptiveMaxPooling:updateOutput(input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialAdaptiveMaxPooling: 3D or 4D (batch mode) tensor expected for input', 2)
   end
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   local size = input:size()
   size[d - 1], size[d] = self.H, self.W
   self.output:resize(size)
   if d == 3 then
      self.indices:resize(2, size[1], self.H, self.W)
   else
      self.indices:resize(2, size[1], size[2], self.H, self.W)
   end
   K.SpatialAdaptiveMaxPooling_updateOutput(np(input), np(self.output), np(self.indices),
      self.W, self.H)
   return self.output
end

function SpatialAdaptiveMaxPooling:updateGradInput(input, gradOutput)
   if not gradOutput:isSameSizeAs(self.output) then
      error('nn.SpatialAdaptiveMaxPooling: gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   K.SpatialAdaptiveMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices))
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function SpatialAdaptiveMaxPooling:empty()
   self:clearState()
end

function SpatialAdaptiveMaxPooling:clearState()
   if self.indices then self.indices:set() end
   return parent.clearState(self)
end
