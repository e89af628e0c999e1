local ReLU6, parent = torch.class('nn.ReLU6', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ x clipped to [0, 6].
ARGS: inplace (boolean, default false) ]]
function ReLU6:__init(inplace)
   parent.__init(self)
   if inplace ~= nil and type(inplace) ~= 'boolean' then
      error('nn.ReLU6: the in-place flag must be a boolean', 2)
   end
   self.inplace = inplace or false
end

function ReLU6:updateOutput(input)
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   K.HardTanh_updateOutput(np(input), np(self.output), 0, 6, self.inplace or false)
   return self.output
end

function ReLU6:updateGradInput(input, gradOutput)
   if self.inplace then self.gradInput:set(gradOutput) else self.gradInput:resizeAs(input) end
   K.HardTanh_updateGradInput(np(input), np(gradOutput), np(self.gradInput), 0, 6,
      self.inplace or false)
   return self.gradInput
end
