local WhiteNoise, parent = torch.class('nn.WhiteNoise', 'nn.Module')

--[[ Add Gaussian noise N(mean, std) to the input while training; in evaluation mode only the
mean is added. The gradient passes through unchanged.
ARGS: mean (number, default 0), std (number, default 0.1) ]]
function WhiteNoise:__init(mean, std)
   parent.__init(self)
   self.mean = mean or 0
   self.std = std or 0.1
   self.noise = torch.Tensor()
end

function WhiteNoise:updateOutput(input)
   if not torch.isTensor(input) then
      error('nn.WhiteNoise: input must be a tensor, got ' .. torch.type(input), 2)
   end
   self.output:resizeAs(input):copy(input)
   if self.train ~= false then
      self.noise:resizeAs(input):normal(self.mean, self.std)
      self.output:add(self.noise)
   elseif self.mean ~= 0 then
      self.output:add(self.mean)
   end
   return self.output
end

function WhiteNoise:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.train == false then
      error('nn.WhiteNoise: backprop only defined while training', 2)
   end
   self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   return self.gradInput
end

function WhiteNoise:clearState()
   self.noise:set()
   return parent.clearState(self)
end

function WhiteNoise:__tostring__()
   return string.format('%s mean: %f, std: %f', torch.type(self), self.mean, self.std)
end
