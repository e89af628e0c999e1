local UpSampling, parent = torch.class('nn.UpSampling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Up-sampling of 4-D (N x C x H x W) or 5-D (N x C x D x H x W) inputs, by nearest
neighbour (each pixel or voxel repeated) or by linear interpolation (bilinear for 4-D,
trilinear for 5-D, corner pixels aligned). Either mode multiplies the spatial sizes by the
scale factor; linear mode may be given the output size instead.
ARGS: params: an integer scale factor >= 1, or (linear mode only) a table
{oheight=, owidth=, odepth=} (odepth needed for 5-D inputs); mode: 'nearest' (default) or
'linear' ('bilinear' and 'trilinear' mean 'linear'; anything else means 'nearest') ]]
function UpSampling:__init(params, mode)
   parent.__init(self)
   if mode == 'linear' or mode == 'bilinear' or mode == 'trilinear' then
      self.mode = 'linear'
   else
      self.mode = 'nearest'
   end
   self.odepth, self.owidth, self.oheight, self.scale_factor = nil, nil, nil, nil
   if torch.type(params) == 'table' then
      if self.mode == 'nearest' then
         error('nn.UpSampling: nearest neighbour upsampling requires a scale_factor', 2)
      end
      self.odepth, self.owidth, self.oheight = params.odepth, params.owidth, params.oheight
      if self.owidth == nil or self.oheight == nil then
         error('nn.UpSampling: output height and width parameters are required', 2)
      end
   else
      if type(params) ~= 'number' then
         error('nn.UpSampling: scale_factor must be a number or a table of output sizes', 2)
      end
      self.scale_factor = params
      if self.scale_factor < 1 then
         error('nn.UpSampling: scale_factor must be greater than 1', 2)
      end
      if math.floor(self.scale_factor) ~= self.scale_factor then
         error('nn.UpSampling: scale_factor must be integer', 2)
      end
   end
   self.inputSize = torch.LongStorage(5):fill(0)
   self.outputSize = torch.LongStorage(5):fill(0)
end

--[[ Record the sizes of `input` (4-D or 5-D) and of the output it gives in inputSize and
outputSize. ARGS: input. RETURN: nothing ]]
function UpSampling:setSize(input)
   local xdim = input:dim()
   local ydim = xdim - 1
   local zdim = xdim > 4 and xdim - 2 or nil
   for i = 1, xdim do
      self.inputSize[i] = input:size(i)
      self.outputSize[i] = input:size(i)
   end
   if self.scale_factor ~= nil then
      if zdim then self.outputSize[zdim] = self.outputSize[zdim] * self.scale_factor end
      self.outputSize[ydim] = self.outputSize[ydim] * self.scale_factor
      self.outputSize[xdim] = self.outputSize[xdim] * self.scale_factor
   else
      if zdim then
         if self.odepth == nil then
            error('nn.UpSampling: no output depth (odepth) was given for a 5D input', 3)
         end
         self.outputSize[zdim] = self.odepth
      end
      self.outputSize[ydim] = self.oheight
      self.outputSize[xdim] = self.owidth
   end
end

local function checkInput(input)
   local d = torch.isTensor(input) and input:dim() or 0
   if d ~= 4 and d ~= 5 then
      error('nn.UpSampling: only 4D or 5D tensors are supported', 3)
   end
   return d
end

-- The output size recorded by setSize, as a LongStorage of `d` sizes.
local function outputSizes(self, d)
   local size = torch.LongStorage(d)
   for i = 1, d do size[i] = self.outputSize[i] end
   return size
end

function UpSampling:updateOutput(input)
   local d = checkInput(input)
   self:setSize(input)
   self.output:resize(outputSizes(self, d))
   local o = self.outputSize
   if self.mode == 'nearest' then
      local f = d == 4 and K.SpatialUpSamplingNearest_updateOutput
         or K.VolumetricUpSamplingNearest_updateOutput
      f(np(input), np(self.output), self.scale_factor)
   elseif d == 4 then
      K.SpatialUpSamplingBilinear_updateOutput(np(input), np(self.output), o[3], o[4])
   else
      K.VolumetricUpSamplingTrilinear_updateOutput(np(input), np(self.output), o[3], o[4], o[5])
   end
   return self.output
end

function UpSampling:updateGradInput(input, gradOutput)
   local d = checkInput(input)
   if not torch.isTensor(gradOutput) or gradOutput:dim() ~= d then
      error('nn.UpSampling: input and gradOutput should be of same dimension', 2)
   end
   self:setSize(input)
   local expected = outputSizes(self, d)
   if not gradOutput:isSize(expected) then
      error(string.format('nn.UpSampling: gradOutput has size %s, expected %s',
         table.concat(gradOutput:size():totable(), 'x'),
         table.concat(expected:totable(), 'x')), 2)
   end
   self.gradInput:resizeAs(input)
   local gi, o = np(self.gradInput), self.outputSize
   if self.mode == 'nearest' then
      local f = d == 4 and K.SpatialUpSamplingNearest_updateGradInput
         or K.VolumetricUpSamplingNearest_updateGradInput
      f(np(input), np(gradOutput), gi, self.scale_factor)
   elseif d == 4 then
      K.SpatialUpSamplingBilinear_updateGradInput(np(gradOutput), gi, input:size(1),
         input:size(2), input:size(3), input:size(4), o[3], o[4])
   else
      K.VolumetricUpSamplingTrilinear_updateGradInput(np(gradOutput), gi, input:size(1),
         input:size(2), input:size(3), input:size(4), input:size(5), o[3], o[4], o[5])
   end
   return self.gradInput
end

function UpSampling:__tostring__()
   local t = torch.type(self)
   if self.scale_factor ~= nil then
      return string.format('%s(%dx, %s)', t, self.scale_factor, self.mode)
   elseif self.odepth ~= nil then
      return string.format('%s(%dx%dx%d, %s)', t, self.odepth, self.oheight, self.owidth,
         self.mode)
   end
   return string.format('%s(%dx%d, %s)', t, self.oheight, self.owidth, self.mode)
end
