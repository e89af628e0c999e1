local FeatureLPPooling, parent = torch.class('nn.FeatureLPPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Lp pooling across the feature dimension: each output feature is the p-norm
(sum of x^p)^(1/p) of `width` neighbouring input features, windows `stride` apart, so F
features become (F - width) / stride + 1 (rounded down). Without batch mode the input is
F, F x A or F x A x B; in batch mode it is N x F, N x F x A or N x F x A x B.
ARGS: width (2 to 16), stride (1 to 4), power (the exponent p), batch_mode (true when the
first dimension is the batch; a number counts as true unless it is 0) ]]
function FeatureLPPooling:__init(width, stride, power, batch_mode)
   parent.__init(self)
   if type(width) ~= 'number' or width < 2 or width > 16 then
      error('nn.FeatureLPPooling: width must be within 2 to 16', 2)
   end
   if type(stride) ~= 'number' or stride < 1 or stride > 4 then
      error('nn.FeatureLPPooling: stride must be within 1 to 4', 2)
   end
   if type(power) ~= 'number' then
      error('nn.FeatureLPPooling: power must be a number', 2)
   end
   self.width = width
   self.stride = stride
   self.power = power
   self.batch_mode = batch_mode
end

-- batch_mode as a boolean (a C bool in Torch7: nil, false and 0 mean no batch).
local function batchMode(self)
   local b = self.batch_mode
   if type(b) == 'number' then return b ~= 0 end
   return b and true or false
end

-- Check `input`; return the index of its feature dimension.
local function checkInput(self, input)
   local batch = batchMode(self)
   local d = torch.isTensor(input) and input:dim() or 0
   if batch and (d < 2 or d > 4) then
      error('nn.FeatureLPPooling: input must be 2-4 dimensions for batch mode', 3)
   elseif not batch and (d < 1 or d > 3) then
      error('nn.FeatureLPPooling: input must be 1-3 dimensions for non-batch mode', 3)
   end
   local f = batch and 2 or 1
   if input:size(f) < self.width then
      error(string.format('nn.FeatureLPPooling: input feature dimension (%d) must be >= '
         .. 'width (%d)', input:size(f), self.width), 3)
   end
   return f
end

function FeatureLPPooling:updateOutput(input)
   local f = checkInput(self, input)
   local size = input:size()
   size[f] = math.floor((size[f] - self.width) / self.stride) + 1
   self.output:resize(size)
   K.FeatureLPPooling_updateOutput(np(input), np(self.output), self.power, self.width,
      self.stride, batchMode(self))
   return self.output
end

function FeatureLPPooling:updateGradInput(input, gradOutput)
   checkInput(self, input)
   if not (torch.isTensor(gradOutput) and gradOutput:isSameSizeAs(self.output)) then
      error('nn.FeatureLPPooling: gradOutput must have the size of the output', 2)
   end
   self.gradInput:resizeAs(input)
   K.FeatureLPPooling_updateGradInput(np(gradOutput), np(input), np(self.output),
      np(self.gradInput), self.power, self.width, self.stride, batchMode(self))
   return self.gradInput
end

function FeatureLPPooling:__tostring__()
   return string.format('%s(w%d s%d power %g batch %d)', torch.type(self), self.width,
      self.stride, self.power, batchMode(self) and 1 or 0)
end
