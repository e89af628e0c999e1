local RReLU, parent = torch.class('nn.RReLU', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Randomized leaky ReLU: while training, each element x <= 0 is multiplied by a slope
drawn uniformly from [lower, upper] with the torch generator (one draw per such element,
in row-major order, kept in `noise`); while evaluating the slope is (lower + upper) / 2.
ARGS: l (lower, default 1/8), u (upper, default 1/3), ip (in place, default false) ]]
function RReLU:__init(l, u, ip)
   parent.__init(self)
   self.lower = l or 1 / 8
   self.upper = u or 1 / 3
   assert(self.lower <= self.upper and self.lower >= 0 and self.upper >= 0,
      'nn.RReLU: need 0 <= lower <= upper')
   self.noise = torch.Tensor()
   self.train = true
   self.inplace = ip or false
end

function RReLU:updateOutput(input)
   local train = self.train and true or false
   local draws
   if train then
      self.noise:resizeAs(input)
      local n = K.RReLU_countNonPositive(np(input))
      if n > 0 then
         -- The slopes are drawn into the first n elements of noise; the kernel spreads them.
         draws = self.noise:view(self.noise:nElement()):narrow(1, 1, n)
         draws:uniform(self.lower, self.upper)
      end
   end
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   K.RReLU_updateOutput(np(input), np(self.output), np(self.noise), self.lower, self.upper,
      train, self.inplace and true or false, draws and np(draws))
   return self.output
end

function RReLU:updateGradInput(input, gradOutput)
   if self.inplace then
      self.gradInput:set(gradOutput)
   else
      self.gradInput:resizeAs(input)
   end
   K.RReLU_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.noise),
      self.lower, self.upper, self.train and true or false, self.inplace and true or false)
   return self.gradInput
end

function RReLU:clearState()
   if self.noise then self.noise:set() end
   return parent.clearState(self)
end

function RReLU:__tostring__()
   return string.format('%s (l:%f, u:%f)', torch.type(self), self.lower, self.upper)
end
