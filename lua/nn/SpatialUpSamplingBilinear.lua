local SpatialUpSamplingBilinear, parent =
   torch.class('nn.SpatialUpSamplingBilinear', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Bilinear up-sampling of the last two dimensions, corner pixels aligned.
ARGS: params: an integer scale factor s (output H*s by W*s), or a table
{oheight=, owidth=} giving the output size ]]
function SpatialUpSamplingBilinear:__init(params)
   parent.__init(self)
   self.owidth, self.oheight, self.scale_factor = nil, nil, nil
   if torch.type(params) == 'table' then
      self.owidth, self.oheight = params.owidth, params.oheight
   else
      self.scale_factor = params
      if self.scale_factor < 1 then
         error('nn.SpatialUpSamplingBilinear: scale_factor must be greater than 1', 2)
      end
      if math.floor(self.scale_factor) ~= self.scale_factor then
         error('nn.SpatialUpSamplingBilinear: scale_factor must be integer', 2)
      end
   end
   self.inputSize = torch.LongStorage(4)
   self.outputSize = torch.LongStorage(4)
end

--[[ Record the input size and the output size it gives (in inputSize / outputSize). ]]
function SpatialUpSamplingBilinear:setSize(input)
   local xdim = input:dim()
   local ydim = xdim - 1
   for i = 1, xdim do
      self.inputSize[i] = input:size(i)
      self.outputSize[i] = input:size(i)
   end
   if self.scale_factor ~= nil then
      self.outputSize[ydim] = self.outputSize[ydim] * self.scale_factor
      self.outputSize[xdim] = self.outputSize[xdim] * self.scale_factor
   else
      self.outputSize[ydim] = self.oheight
      self.outputSize[xdim] = self.owidth
   end
end

-- A 3-D tensor seen as a batch of one.
local function as4D(x)
   if x:dim() == 3 then return x:view(1, x:size(1), x:size(2), x:size(3)) end
   return x
end

function SpatialUpSamplingBilinear:updateOutput(input)
   local d = input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialUpSamplingBilinear: only 3D or 4D tensors are supported', 2)
   end
   local x = as4D(input)
   self:setSize(x)
   self.output:resize(x:size(1), x:size(2), self.outputSize[3], self.outputSize[4])
   K.SpatialUpSamplingBilinear_updateOutput(np(x), np(self.output), self.outputSize[3],
      self.outputSize[4])
   if d == 3 then self.output = self.output:squeeze(1) end
   return self.output
end

function SpatialUpSamplingBilinear:updateGradInput(input, gradOutput)
   local d = input:dim()
   if (d ~= 3 and d ~= 4) or gradOutput:dim() ~= d then
      error('nn.SpatialUpSamplingBilinear: input and gradOutput must both be 3D or 4D', 2)
   end
   local x, g = as4D(input), as4D(gradOutput)
   self.gradInput:resizeAs(x)
   K.SpatialUpSamplingBilinear_updateGradInput(np(g), np(self.gradInput), x:size(1), x:size(2),
      x:size(3), x:size(4), self.outputSize[3], self.outputSize[4])
   if d == 3 then self.gradInput = self.gradInput:squeeze(1) end
   return self.gradInput
end

function SpatialUpSamplingBilinear:__tostring__()
   if self.scale_factor ~= nil then
      return string.format('%s(%d)', torch.type(self), self.scale_factor)
   end
   return string.format('%s(%d, %d)', torch.type(self), self.oheight, self.owidth)
end
