local HardTanh, parent = torch.class('nn.HardTanh', 'nn.Module')
local S = nn._small

--[[ x clipped to [min_value, max_value].
ARGS: min_value (default -1), max_value (default 1), inplace (boolean, default false) ]]
function HardTanh:__init(min_value, max_value, inplace)
   parent.__init(self)
   self.min_val = min_value or -1
   self.max_val = max_value or 1
   self.inplace = inplace or false
   if inplace and type(inplace) ~= 'boolean' then
      error('nn.HardTanh: the in-place flag must be a boolean', 2)
   end
   assert(self.max_val > self.min_val, 'nn.HardTanh: max_value must be larger than min_value')
end

function HardTanh:updateOutput(input)
   self.min_val = self.min_val or -1
   self.max_val = self.max_val or 1
   if self.inplace then self.output:set(input) else self.output:resizeAs(input) end
   S.HardTanh_updateOutput(input, self.output, self.min_val, self.max_val, self.inplace or false)
   return self.output
end

function HardTanh:updateGradInput(input, gradOutput)
   if self.inplace then self.gradInput:set(gradOutput) else self.gradInput:resizeAs(input) end
   S.HardTanh_updateGradInput(input, gradOutput, self.gradInput, self.min_val, self.max_val,
      self.inplace or false)
   return self.gradInput
end
