local L1Penalty, parent = torch.class('nn.L1Penalty', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Identity forward that adds an L1 penalty l1weight * sum |x| on its input (the loss is
kept in self.loss); its gradient is added to gradOutput (or replaces it when provideOutput
is false). ARGS: l1weight (number), sizeAverage (boolean, default false),
provideOutput (boolean, default true) ]]
function L1Penalty:__init(l1weight, sizeAverage, provideOutput)
   parent.__init(self)
   self.l1weight = l1weight
   self.sizeAverage = sizeAverage or false
   if provideOutput == nil then
      self.provideOutput = true
   else
      self.provideOutput = provideOutput
   end
end

-- The penalty's weight for this input.
local function weight(self, input)
   local m = self.l1weight
   if self.sizeAverage == true then m = m / input:nElement() end
   return m
end

function L1Penalty:updateOutput(input)
   self.loss = K.L1Penalty_updateOutput(np(input), weight(self, input))
   self.output = input
   return self.output
end

function L1Penalty:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input)
   K.L1Penalty_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      weight(self, input), self.provideOutput == true)
   return self.gradInput
end

-- The output is the input tensor itself: replace it rather than empty the caller's input.
function L1Penalty:clearState()
   nn.utils.clearFresh(self, 'output')
   return parent.clearState(self)
end
