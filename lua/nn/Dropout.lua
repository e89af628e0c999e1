local Dropout, parent = torch.class('nn.Dropout', 'nn.Module')
local S = nn._small

--[[ Zero each element with probability p while training. Version 2 (the default) scales
the kept elements by 1/(1-p) while training; version 1 scales by (1-p) while evaluating.
ARGS: p (default 0.5), v1 (boolean), inplace (boolean),
      stochasticInference (boolean: keep dropping while evaluating) ]]
function Dropout:__init(p, v1, inplace, stochasticInference)
   parent.__init(self)
   self.p = p or 0.5
   self.train = true
   self.inplace = inplace
   self.stochastic_inference = stochasticInference or false
   self.v2 = not v1
   if self.p >= 1 or self.p < 0 then
      error('nn.Dropout: illegal percentage, must be 0 <= p < 1', 2)
   end
   self.noise = torch.Tensor()
end

function Dropout:updateOutput(input)
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   local masked = self.p > 0 and (self.train or self.stochastic_inference) or false
   if masked then
      self.noise:resizeAs(input)
      self.noise:bernoulli(1 - self.p)
   end
   S.Dropout_updateOutput(input, self.output, self.noise, self.p, self.v2 and true or false,
      masked)
   return self.output
end

function Dropout:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.inplace then
      self.gradInput:set(gradOutput)
   else
      self.gradInput:resizeAs(gradOutput)
   end
   S.Dropout_updateGradInput(gradOutput, self.gradInput, self.noise, self.p,
      self.v2 and true or false, self.train and true or false)
   return self.gradInput
end

--[[ ARGS: p (number): the new drop probability ]]
function Dropout:setp(p)
   self.p = p
end

function Dropout:clearState()
   if self.noise then self.noise:set() end
   return parent.clearState(self)
end

function Dropout:__tostring__()
   return string.format('%s(%f)', torch.type(self), self.p)
end
