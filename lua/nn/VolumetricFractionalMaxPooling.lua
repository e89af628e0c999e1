local VolumetricFractionalMaxPooling, parent =
   torch.class('nn.VolumetricFractionalMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

local NAME = 'nn.VolumetricFractionalMaxPooling'

--[[ Fractional max pooling in 3-D: poolSizeT x poolSizeW x poolSizeH windows placed
pseudo-randomly so that the output has a given size or a given fraction of the input size.
Inputs are planes x height x width x time (or batch x planes x height x width x time).
ARGS: poolSizeT, poolSizeW, poolSizeH (>= 2); then either outT, outW, outH (>= 1) or
ratioT, ratioW, ratioH in (0, 1) ]]
function VolumetricFractionalMaxPooling:__init(poolSizeT, poolSizeW, poolSizeH, arg1, arg2, arg3)
   parent.__init(self)
   if not (poolSizeT >= 2 and poolSizeW >= 2 and poolSizeH >= 2) then
      error(NAME .. ': pool sizes must be at least 2', 2)
   end
   self.poolSizeT = poolSizeT
   self.poolSizeW = poolSizeW
   self.poolSizeH = poolSizeH
   self.randomSamples = nil
   self.newRandomPool = false
   if arg1 >= 1 and arg2 >= 1 and arg3 >= 1 then
      self.outT = arg1
      self.outW = arg2
      self.outH = arg3
   else
      self.ratioT = arg1
      self.ratioW = arg2
      self.ratioH = arg3
      for _, r in ipairs({ arg1, arg2, arg3 }) do
         if not (r > 0 and r < 1) then error(NAME .. ': ratios must lie in (0, 1)', 2) end
      end
   end
end

--[[ Size of the sample buffer for `input`: batch x planes x 3. RETURN: torch.LongStorage ]]
function VolumetricFractionalMaxPooling:getBufferSize_(input)
   local d = input:nDimension()
   if d == 4 then return torch.LongStorage({ 1, input:size(1), 3 }) end
   if d == 5 then return torch.LongStorage({ input:size(1), input:size(2), 3 }) end
   error(NAME .. ': input must be dim 4 or 5', 3)
end

--[[ Draw the window placements (uniform numbers of the input's type) for this forward,
unless fixPoolingRegions() froze them and the buffer size still fits. ]]
function VolumetricFractionalMaxPooling:initSampleBuffer_(input)
   nn.utils.fractionalSamples(self, input, self:getBufferSize_(input))
end

--[[ RETURN: output time, width and height for `input` ]]
function VolumetricFractionalMaxPooling:getOutputSizes_(input)
   local outT, outW, outH = self.outT, self.outW, self.outH
   if self.ratioW ~= nil and self.ratioH ~= nil then
      local d = input:nDimension()
      if d ~= 4 and d ~= 5 then error(NAME .. ': input must be dim 4 or 5', 3) end
      outT = math.floor(input:size(d) * self.ratioT)
      outW = math.floor(input:size(d - 1) * self.ratioW)
      outH = math.floor(input:size(d - 2) * self.ratioH)
      if outT <= 0 or outW <= 0 or outH <= 0 then
         error(NAME .. ': reduction ratio or input size too small', 3)
      end
   end
   return outT, outW, outH
end

--[[ Keep (val true or nil) or stop keeping the current window placements. RETURN: self ]]
function VolumetricFractionalMaxPooling:fixPoolingRegions(val)
   if val == nil then val = true end
   self.newRandomPool = val
   return self
end

function VolumetricFractionalMaxPooling:updateOutput(input)
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   self:initSampleBuffer_(input)
   local outT, outW, outH = self:getOutputSizes_(input)
   local d = input:dim()
   local inH, inW, inT = input:size(d - 2), input:size(d - 1), input:size(d)
   local pT, pW, pH = self.poolSizeT, self.poolSizeW, self.poolSizeH
   if inH <= outH + pH - 1 or inW <= outW + pW - 1 or inT <= outT + pT - 1 then
      error(string.format('%s: input of %dx%dx%d (HxWxT) too small for output %dx%dx%d'
         .. ' and pool %dx%dx%d', NAME, inH, inW, inT, outH, outW, outT, pH, pW, pT), 2)
   end
   local size = input:size()
   size[d - 2], size[d - 1], size[d] = outH, outW, outT
   self.output:resize(size)
   self.indices:resize(size)
   K.VolumetricFractionalMaxPooling_updateOutput(np(input), np(self.output), outT, outW, outH,
      pT, pW, pH, np(self.indices), np(self.randomSamples))
   return self.output
end

function VolumetricFractionalMaxPooling:updateGradInput(input, gradOutput)
   if self.randomSamples == nil or self.indices == nil then
      error(NAME .. ': must call updateOutput/forward first', 2)
   end
   local outT, outW, outH = self:getOutputSizes_(input)
   if not gradOutput:isSameSizeAs(self.indices) then
      error(NAME .. ': gradOutput does not match the last forward output', 2)
   end
   self.gradInput:resizeAs(input)
   K.VolumetricFractionalMaxPooling_updateGradInput(np(input), np(gradOutput),
      np(self.gradInput), outT, outW, outH, self.poolSizeT, self.poolSizeW, self.poolSizeH,
      np(self.indices))
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function VolumetricFractionalMaxPooling:empty()
   self:clearState()
end

function VolumetricFractionalMaxPooling:clearState()
   self.indices = nil
   self.randomSamples = nil
   return parent.clearState(self)
end

function VolumetricFractionalMaxPooling:__tostring__()
   return string.format('%s(%dx%dx%d, %d,%d,%d)', torch.type(self), self.outT or self.ratioT,
      self.outW or self.ratioW, self.outH or self.ratioH, self.poolSizeT, self.poolSizeW,
      self.poolSizeH)
end
