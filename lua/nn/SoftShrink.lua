local SoftShrink, parent = torch.class('nn.SoftShrink', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ x - lambda above lambda, x + lambda below -lambda, 0 between.
ARGS: lam (number, default 0.5), kept in the field `lambda` ]]
function SoftShrink:__init(lam)
   parent.__init(self)
   self.lambda = lam or 0.5
end

function SoftShrink:updateOutput(input)
   self.output:resizeAs(input)
   K.SoftShrink_updateOutput(np(input), np(self.output), self.lambda)
   return self.output
end

function SoftShrink:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input)
   K.SoftShrink_updateGradInput(np(input), np(gradOutput), np(self.gradInput), self.lambda)
   return self.gradInput
end
