local HardShrink, parent = torch.class('nn.HardShrink', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ x where |x| > lambda, 0 elsewhere.
ARGS: lam (number, default 0.5), kept in the field `lambda` ]]
function HardShrink:__init(lam)
   parent.__init(self)
   self.lambda = lam or 0.5
end

function HardShrink:updateOutput(input)
   self.output:resizeAs(input)
   K.HardShrink_updateOutput(np(input), np(self.output), self.lambda)
   return self.output
end

function HardShrink:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input)
   K.HardShrink_updateGradInput(np(input), np(gradOutput), np(self.gradInput), self.lambda)
   return self.gradInput
end
