local TemporalConvolution, parent = torch.class('nn.TemporalConvolution', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local conv = nn._conv

--[[ 1-D convolution over a sequence of frames (nInputFrame x inputFrameSize, or a batch).
ARGS: inputFrameSize, outputFrameSize, kW (frames per window), dW (step, default 1) ]]
function TemporalConvolution:__init(inputFrameSize, outputFrameSize, kW, dW)
   parent.__init(self)
   self.inputFrameSize = inputFrameSize
   self.outputFrameSize = outputFrameSize
   self.kW = kW
   self.dW = dW or 1
   self.weight = torch.Tensor(outputFrameSize, inputFrameSize * kW)
   self.bias = torch.Tensor(outputFrameSize)
   self.gradWeight = torch.Tensor(outputFrameSize, inputFrameSize * kW)
   self.gradBias = torch.Tensor(outputFrameSize)
   self:reset()
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(kW*inputFrameSize), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function TemporalConvolution:reset(stdv)
   return conv.resetUniform(self, stdv, self.kW * self.inputFrameSize)
end

-- Check the input; RETURN the number of output frames.
local function checkInput(self, input)
   local d = input:dim()
   if d ~= 2 and d ~= 3 then
      error('nn.TemporalConvolution: input must be 2-D (nInputFrame x inputFrameSize) or 3-D '
         .. '(batch x nInputFrame x inputFrameSize)', 3)
   end
   if input:size(d) ~= self.inputFrameSize then
      error(string.format('nn.TemporalConvolution: input frames have %d features, expected %d',
         input:size(d), self.inputFrameSize), 3)
   end
   if input:size(d - 1) < self.kW then
      error(string.format('nn.TemporalConvolution: input has %d frames, fewer than kW = %d',
         input:size(d - 1), self.kW), 3)
   end
   return math.floor((input:size(d - 1) - self.kW) / self.dW) + 1
end

function TemporalConvolution:updateOutput(input)
   local n = checkInput(self, input)
   if input:dim() == 2 then
      self.output:resize(n, self.outputFrameSize)
   else
      self.output:resize(input:size(1), n, self.outputFrameSize)
   end
   K.TemporalConvolution_updateOutput(np(input), np(self.output), np(self.weight),
      np(self.bias), self.kW, self.dW, self.inputFrameSize, self.outputFrameSize)
   return self.output
end

function TemporalConvolution:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkInput(self, input)
      self.gradInput:resizeAs(input)
      K.TemporalConvolution_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
         np(self.weight), self.kW, self.dW)
      return self.gradInput
   end
end

function TemporalConvolution:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   K.TemporalConvolution_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), self.kW, self.dW, scale or 1)
end

function TemporalConvolution:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self:defaultAccUpdateGradParameters(input, gradOutput, lr)
end
