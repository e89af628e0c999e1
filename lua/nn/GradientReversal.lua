local GradientReversal, parent = torch.class('nn.GradientReversal', 'nn.Module')
local K, np = torch._bridge.K, torch._np

GradientReversal.__version = 2

--[[ Identity forward; the gradient is multiplied by -lambda. ARGS: lambda (number, default 1) ]]
function GradientReversal:__init(lambda)
   lambda = lambda or 1
   parent.__init(self)
   self.lambda = lambda
end

--[[ ARGS: lambda (number) ]]
function GradientReversal:setLambda(lambda)
   self.lambda = lambda
end

function GradientReversal:updateOutput(input)
   self.output:set(input)
   return self.output
end

function GradientReversal:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput:resizeAs(gradOutput)
   K.GradientReversal_updateGradInput(np(gradOutput), np(self.gradInput), self.lambda)
   return self.gradInput
end

-- Files written before lambda existed (version 1) get lambda = 1.
function GradientReversal:read(file, version)
   parent.read(self, file)
   if version < 2 then self.lambda = 1 end
end
