local SpatialCrossMapLRN, parent = torch.class('nn.SpatialCrossMapLRN', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Local response normalization across channels:
y = x * (k + alpha / size * sum of x^2 over `size` neighbouring channels) ^ -beta.
ARGS: size (odd number of channels), alpha (default 1e-4), beta (default 0.75), k (default 1) ]]
function SpatialCrossMapLRN:__init(size, alpha, beta, k)
   parent.__init(self)
   self.size = size
   self.alpha = alpha or 0.0001
   self.beta = beta or 0.75
   self.k = k or 1
end

-- A 3-D tensor seen as a batch of one.
local function as4D(x)
   if x:dim() == 3 then return x:view(1, x:size(1), x:size(2), x:size(3)) end
   return x
end

local function check(input)
   if input:dim() ~= 3 and input:dim() ~= 4 then
      error('nn.SpatialCrossMapLRN: input must be 3D or 4D', 3)
   end
end

function SpatialCrossMapLRN:updateOutput(input)
   check(input)
   self.scale = self.scale or input.new()
   local x = as4D(input)
   self.output:resizeAs(x)
   self.scale:resizeAs(x)
   K.SpatialCrossMapLRN_updateOutput(np(x), np(self.output), np(self.scale), self.size,
      self.alpha, self.beta, self.k)
   if input:dim() == 3 then self.output = self.output[1] end
   return self.output
end

function SpatialCrossMapLRN:updateGradInput(input, gradOutput)
   check(input)
   local x, g, y = as4D(input), as4D(gradOutput), as4D(self.output)
   if not (g:isSameSizeAs(x) and y:isSameSizeAs(x) and self.scale:isSameSizeAs(x)) then
      error('nn.SpatialCrossMapLRN: gradOutput and the last forward must match the input', 2)
   end
   self.gradInput:resizeAs(x)
   K.SpatialCrossMapLRN_updateGradInput(np(x), np(g), np(self.gradInput), np(self.scale),
      np(y), self.size, self.alpha, self.beta, self.k)
   if input:dim() == 3 then self.gradInput = self.gradInput[1] end
   return self.gradInput
end

function SpatialCrossMapLRN:clearState()
   nn.utils.clear(self, 'scale', 'paddedRatio', 'accumRatio')
   return parent.clearState(self)
end
