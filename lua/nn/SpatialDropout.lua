local SpatialDropout, parent = torch.class('nn.SpatialDropout', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Dropout of whole feature maps: while training, each map of a 4-D (nbatch, nfeat, h, w) or
3-D (nfeat, h, w) input is kept (mask 1) with probability 1 - p and zeroed otherwise, the mask
drawn with bernoulli(1 - p) into `noise`; while evaluating the input is scaled by 1 - p.
ARGS: p (drop probability, default 0.5), stochasticInference (keep dropping while evaluating) ]]
function SpatialDropout:__init(p, stochasticInference)
   parent.__init(self)
   self.p = p or 0.5
   self.train = true
   self.stochastic_inference = stochasticInference or false
   self.noise = torch.Tensor()
end

-- Feature maps have this many trailing dimensions (VolumetricDropout reuses these methods
-- with 3) and the input has one (nfeat) or two (nbatch, nfeat) leading ones.
SpatialDropout._mapDims = 2
SpatialDropout._shapes = '4D (nbatch, nfeat, h, w) or 3D (nfeat, h, w)'

function SpatialDropout:updateOutput(input)
   local masked = (self.train or self.stochastic_inference) and true or false
   if masked then
      local lead = input:dim() - self._mapDims
      if lead ~= 1 and lead ~= 2 then
         error(string.format('%s: input must be %s', torch.type(self), self._shapes), 2)
      end
      local size = input:size()
      for d = lead + 1, input:dim() do size[d] = 1 end
      self.noise:resize(size)
      self.noise:bernoulli(1 - self.p)
   end
   self.output:resizeAs(input)
   K.FeatureDropout_updateOutput(np(input), np(self.output), np(self.noise), self.p, masked)
   return self.output
end

function SpatialDropout:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if not self.train then
      error(torch.type(self) .. ': backprop only defined while training', 2)
   end
   self.gradInput:resizeAs(gradOutput)
   K.FeatureDropout_updateGradInput(np(gradOutput), np(self.gradInput), np(self.noise))
   return self.gradInput
end

--[[ ARGS: p (number): the new drop probability ]]
function SpatialDropout:setp(p)
   self.p = p
end

function SpatialDropout:clearState()
   if self.noise then self.noise:set() end
   return parent.clearState(self)
end

function SpatialDropout:__tostring__()
   return string.format('%s(%f)', torch.type(self), self.p)
end
