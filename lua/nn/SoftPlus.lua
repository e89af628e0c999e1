local SoftPlus, parent = torch.class('nn.SoftPlus', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ log(1 + exp(beta * x)) / beta; x itself where beta * x > threshold (for stability).
ARGS: beta (sharpness, default 1), threshold (default 20) ]]
function SoftPlus:__init(beta, threshold)
   parent.__init(self)
   self.beta = beta or 1
   self.threshold = threshold or 20
end

function SoftPlus:updateOutput(input)
   self.output:resizeAs(input)
   K.SoftPlus_updateOutput(np(input), np(self.output), self.beta, self.threshold)
   return self.output
end

function SoftPlus:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(self.output)
   K.SoftPlus_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output),
      self.beta, self.threshold)
   return self.gradInput
end
