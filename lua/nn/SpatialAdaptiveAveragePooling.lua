local SpatialAdaptiveAveragePooling, parent =
   torch.class('nn.SpatialAdaptiveAveragePooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Average pooling whose windows adapt so that every plane becomes H x W.
ARGS: W, H (output width and height) ]]
function SpatialAdaptiveAveragePooling:__init(W, H)
   parent.__init(self)
   self.W = W
   self.H = H
end

function SpatialAdaptiveAveragePooling:updateOutput(input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialAdaptiveAveragePooling: 3D or 4D (batch mode) tensor expected for input',
         2)
   end
   local size = input:size()
   size[d - 1], size[d] = self.H, self.W
   self.output:resize(size)
   K.SpatialAdaptiveAveragePooling_updateOutput(np(input), np(self.output), self.W, self.H)
   return self.output
end

function SpatialAdaptiveAveragePooling:updateGradInput(input, gradOutput)
   if gradOutput:dim() ~= input:dim() or gradOutput:size(gradOutput:dim()) ~= self.W
      or gradOutput:size(gradOutput:dim() - 1) ~= self.H then
      error('nn.SpatialAdaptiveAveragePooling: gradOutput does not match the output size', 2)
   end
   self.gradInput:resizeAs(input)
   K.SpatialAdaptiveAveragePooling_updateGradInput(np(input), np(gradOutput),
      np(self.gradInput))
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function SpatialAdaptiveAveragePooling:empty()
   self:clearState()
end
