local Sqrt, parent = torch.class('nn.Sqrt', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise square root; the gradient is 0 where the output is 0.
ARGS: b (number, kept as eps for older files; not used, as in Torch7) ]]
function Sqrt:__init(b)
   parent.__init(self)
   self.eps = b or 0
end

function Sqrt:updateOutput(input)
   self.eps = self.eps or 0
   self.output:resizeAs(input)
   K.Sqrt_updateOutput(np(input), np(self.output), self.eps)
   return self.output
end

function Sqrt:updateGradInput(input, gradOutput)
   if self.output:nElement() ~= gradOutput:nElement() then
      error('nn.Sqrt: gradOutput does not match the output size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Sqrt_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.output))
   return self.gradInput
end
