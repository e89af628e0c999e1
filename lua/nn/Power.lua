local Power, parent = torch.class('nn.Power', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Elementwise input ^ p. ARGS: p (number) ]]
function Power:__init(p)
   parent.__init(self)
   self.pow = p
   if not p then error('nn.Power(power): the power is required', 2) end
end

function Power:updateOutput(input)
   self.output:resizeAs(input)
   K.Power_updateOutput(np(input), np(self.output), self.pow)
   return self.output
end

function Power:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Power: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Power_updateGradInput(np(input), np(gradOutput), np(self.gradInput), self.pow)
   return self.gradInput
end
