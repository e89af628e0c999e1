local SmoothL1Criterion, parent = torch.class('nn.SmoothL1Criterion', 'nn.Criterion')
local K, np = torch._bridge.K, torch._np

--[[ Sum (mean with sizeAverage) of 0.5 d^2 where |d| < 1 and |d| - 0.5 elsewhere,
d = input - target.
ARGS: sizeAverage (boolean, default true) ]]
function SmoothL1Criterion:__init(sizeAverage)
   parent.__init(self)
   if sizeAverage ~= nil then self.sizeAverage = sizeAverage else self.sizeAverage = true end
end

function SmoothL1Criterion:updateOutput(input, target)
   self.output_tensor = self.output_tensor or input.new(1)
   K.SmoothL1Criterion_updateOutput(np(input), np(target), np(self.output_tensor), self.sizeAverage)
   self.output = self.output_tensor[1]
   return self.output
end

function SmoothL1Criterion:updateGradInput(input, target)
   self.gradInput:resizeAs(input)
   K.SmoothL1Criterion_updateGradInput(np(input), np(target), np(self.gradInput), self.sizeAverage)
   return self.gradInput
end
