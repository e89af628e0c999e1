local Clamp, parent = torch.class('nn.Clamp', 'nn.HardTanh')

--[[ Clip the input to [min_value, max_value] (nn.HardTanh with explicit bounds).
ARGS: min_value, max_value (numbers) ]]
function Clamp:__init(min_value, max_value)
   parent.__init(self, min_value, max_value)
end
