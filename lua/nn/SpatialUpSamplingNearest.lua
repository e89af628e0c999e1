local SpatialUpSamplingNearest, parent =
   torch.class('nn.SpatialUpSamplingNearest', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Repeat every pixel of the last two dimensions scale x scale times.
ARGS: scale (integer >= 1) ]]
function SpatialUpSamplingNearest:__init(scale)
   parent.__init(self)
   self.scale_factor = scale
   if self.scale_factor < 1 then
      error('nn.SpatialUpSamplingNearest: scale_factor must be greater than 1', 2)
   end
   if math.floor(self.scale_factor) ~= self.scale_factor then
      error('nn.SpatialUpSamplingNearest: scale_factor must be integer', 2)
   end
   self.inputSize = torch.LongStorage(4)
   self.outputSize = torch.LongStorage(4)
end

function SpatialUpSamplingNearest:updateOutput(input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialUpSamplingNearest: only 3D or 4D tensors are supported', 2)
   end
   for i = 1, d do
      self.inputSize[i] = input:size(i)
      self.outputSize[i] = input:size(i)
   end
   self.outputSize[d - 1] = self.outputSize[d - 1] * self.scale_factor
   self.outputSize[d] = self.outputSize[d] * self.scale_factor
   local size = input:size()
   size[d - 1], size[d] = self.outputSize[d - 1], self.outputSize[d]
   self.output:resize(size)
   K.SpatialUpSamplingNearest_updateOutput(np(input), np(self.output), self.scale_factor)
   return self.output
end

function SpatialUpSamplingNearest:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input)
   K.SpatialUpSamplingNearest_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      self.scale_factor)
   return self.gradInput
end
