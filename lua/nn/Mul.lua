local Mul, parent = torch.class('nn.Mul', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y = w * x with one learnt scalar weight. ]]
function Mul:__init()
   parent.__init(self)
   self.weight = torch.Tensor(1)
   self.gradWeight = torch.Tensor(1)
   self:reset()
end

--[[ Draw the weight uniformly from [-stdv, stdv] (default stdv 1; a given stdv is multiplied
by sqrt(3)). ARGS: stdv (number or nil) ]]
function Mul:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(1))
   self.weight:uniform(-stdv, stdv)
end

function Mul:updateOutput(input)
   self.output:resizeAs(input)
   K.Mul_updateOutput(np(input), np(self.output), np(self.weight))
   return self.output
end

function Mul:updateGradInput(input, gradOutput)
   if input:nElement() ~= gradOutput:nElement() then
      error('nn.Mul: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Mul_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.weight))
   return self.gradInput
end

function Mul:accGradParameters(input, gradOutput, scale)
   K.Mul_accGradParameters(np(input), np(gradOutput), np(self.gradWeight), scale or 1)
end
