local SpatialFractionalMaxPooling, parent =
   torch.class('nn.SpatialFractionalMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Fractional max pooling (Graham, 2014): poolSizeW x poolSizeH windows placed
pseudo-randomly so that the output has a given size or a given fraction of the input size.
ARGS: poolSizeW, poolSizeH (>= 2); then either outW, outH (>= 1) or ratioW, ratioH in (0, 1) ]]
function SpatialFractionalMaxPooling:__init(poolSizeW, poolSizeH, arg1, arg2)
   parent.__init(self)
   if not (poolSizeW >= 2 and poolSizeH >= 2) then
      error('nn.SpatialFractionalMaxPooling: pool sizes must be at least 2', 2)
   end
   self.poolSizeW = poolSizeW
   self.poolSizeH = poolSizeH
   self.randomSamples = nil
   self.newRandomPool = false
   if arg1 >= 1 and arg2 >= 1 then
      self.outW = arg1
      self.outH = arg2
   else
      self.ratioW = arg1
      self.ratioH = arg2
      if not (arg1 > 0 and arg1 < 1 and arg2 > 0 and arg2 < 1) then
         error('nn.SpatialFractionalMaxPooling: ratios must lie in (0, 1)', 2)
      end
   end
end

--[[ Size of the sample buffer for `input`: batch x planes x 2. RETURN: torch.LongStorage ]]
function SpatialFractionalMaxPooling:getBufferSize_(input)
   local d = input:nDimension()
   if d == 3 then return torch.LongStorage({ 1, input:size(1), 2 }) end
   if d == 4 then return torch.LongStorage({ input:size(1), input:size(2), 2 }) end
   error('nn.SpatialFractionalMaxPooling: input must be dim 3 or 4', 3)
end

--[[ Draw the window placements (uniform numbers of the input's type) for this forward,
unless fixPoolingRegions() froze them and the buffer size still fits. ]]
function SpatialFractionalMaxPooling:initSampleBuffer_(input)
   nn.utils.fractionalSamples(self, input, self:getBufferSize_(input))
end

--[[ RETURN: output width, output height for `input` ]]
function SpatialFractionalMaxPooling:getOutputSizes_(input)
   local outW, outH = self.outW, self.outH
   if self.ratioW ~= nil and self.ratioH ~= nil then
      local d = input:nDimension()
      if d ~= 3 and d ~= 4 then
         error('nn.SpatialFractionalMaxPooling: input must be dim 3 or 4', 3)
      end
      outW = math.floor(input:size(d) * self.ratioW)
      outH = math.floor(input:size(d - 1) * self.ratioH)
      if outW <= 0 or outH <= 0 then
         error('nn.SpatialFractionalMaxPooling: reduction ratio or input size too small', 3)
      end
   end
   return outW, outH
end

--[[ Keep (val true or nil) or stop keeping the current window placements. RETURN: self ]]
function SpatialFractionalMaxPooling:fixPoolingRegions(val)
   if val == nil then val = true end
   self.newRandomPool = val
   return self
end

function SpatialFractionalMaxPooling:updateOutput(input)
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   self:initSampleBuffer_(input)
   local outW, outH = self:getOutputSizes_(input)
   local d = input:dim()
   if input:size(d) <= outW + self.poolSizeW - 1
      or input:size(d - 1) <= outH + self.poolSizeH - 1 then
      error('nn.SpatialFractionalMaxPooling: input too small for this output and pool size', 2)
   end
   local size = input:size()
   size[d - 1], size[d] = outH, outW
   self.output:resize(size)
   self.indices:resize(size)
   K.SpatialFractionalMaxPooling_updateOutput(np(input), np(self.output), outW, outH,
      self.poolSizeW, self.poolSizeH, np(self.indices), np(self.randomSamples))
   return self.output
end

function SpatialFractionalMaxPooling:updateGradInput(input, gradOutput)
   if self.randomSamples == nil then
      error('nn.SpatialFractionalMaxPooling: must call updateOutput/forward first', 2)
   end
   local outW, outH = self:getOutputSizes_(input)
   self.gradInput:resizeAs(input)
   K.SpatialFractionalMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      outW, outH, self.poolSizeW, self.poolSizeH, np(self.indices))
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function SpatialFractionalMaxPooling:empty()
   self:clearState()
end

function SpatialFractionalMaxPooling:clearState()
   self.indices = nil
   self.randomSamples = nil
   return parent.clearState(self)
end

function SpatialFractionalMaxPooling:__tostring__()
   return string.format('%s(%dx%d, %d,%d)', torch.type(self), self.outW or self.ratioW,
      self.outH or self.ratioH, self.poolSizeW, self.poolSizeH)
end
