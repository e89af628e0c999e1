local TemporalSubSampling, parent = torch.class('nn.TemporalSubSampling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Sum over windows of kW frames of each feature, times a trainable per-feature weight,
plus a per-feature bias. Input: nInputFrame x inputFrameSize.
ARGS: inputFrameSize, kW (window in frames), dW (step, default 1) ]]
function TemporalSubSampling:__init(inputFrameSize, kW, dW)
   parent.__init(self)
   self.inputFrameSize = inputFrameSize
   self.kW, self.dW = kW, dW or 1
   self.weight = torch.Tensor(inputFrameSize)
   self.bias = torch.Tensor(inputFrameSize)
   self.gradWeight = torch.Tensor(inputFrameSize)
   self.gradBias = torch.Tensor(inputFrameSize)
   self:reset()
end

--[[ Weights and biases uniform in [-stdv, stdv]: stdv = 1/sqrt(kW), or the given stdv times
sqrt(3). Draws the weights, then the biases, from the torch generator. ]]
function TemporalSubSampling:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.kW)
   if nn.oldSeed then
      self.weight:apply(function() return torch.uniform(-stdv, stdv) end)
      self.bias:apply(function() return torch.uniform(-stdv, stdv) end)
   else
      self.weight:uniform(-stdv, stdv)
      self.bias:uniform(-stdv, stdv)
   end
end

-- Number of output frames for `input`, after checking it.
local function outputFrames(self, input)
   if input:dim() ~= 2 then
      error('nn.TemporalSubSampling: 2D input tensor expected, got ' .. input:dim() .. 'D', 3)
   end
   if input:size(2) ~= self.inputFrameSize then
      error(string.format('nn.TemporalSubSampling: input frames have %d features, expected %d',
         input:size(2), self.inputFrameSize), 3)
   end
   if input:size(1) < self.kW then
      error(string.format('nn.TemporalSubSampling: input sequence (%d frames) smaller than '
         .. 'kernel size (%d)', input:size(1), self.kW), 3)
   end
   return math.floor((input:size(1) - self.kW) / self.dW) + 1
end

local function checkGradOutput(self, input, gradOutput)
   local n = outputFrames(self, input)
   if gradOutput:dim() ~= 2 or gradOutput:size(1) ~= n
      or gradOutput:size(2) ~= self.inputFrameSize then
      error('nn.TemporalSubSampling: gradOutput does not match the output size', 3)
   end
end

function TemporalSubSampling:updateOutput(input)
   self.output:resize(outputFrames(self, input), self.inputFrameSize)
   K.TemporalSubSampling_updateOutput(np(input), np(self.output), np(self.weight),
      np(self.bias), self.kW, self.dW, self.inputFrameSize)
   return self.output
end

function TemporalSubSampling:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkGradOutput(self, input, gradOutput)
      self.gradInput:resizeAs(input)
      K.TemporalSubSampling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
         np(self.weight), self.kW, self.dW)
      return self.gradInput
   end
end

function TemporalSubSampling:accGradParameters(input, gradOutput, scale)
   checkGradOutput(self, input, gradOutput)
   K.TemporalSubSampling_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), self.kW, self.dW, scale or 1)
end
