local AddConstant, parent = torch.class('nn.AddConstant', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y = x + c for a fixed scalar c, or a fixed vector c added to each row of a matrix; in
place, the input itself is changed (and restored in updateGradInput).
ARGS: constant_scalar (number or 1-D tensor), ip (boolean, default false) ]]
function AddConstant:__init(constant_scalar, ip)
   parent.__init(self)
   self.constant_scalar = constant_scalar
   self.inplace = ip or false
   if ip and type(ip) ~= 'boolean' then
      error('nn.AddConstant: in-place flag must be boolean', 2)
   end
end

-- The constant as a kernel argument, after checking it against the input.
local function constant(self, input)
   local c = self.constant_scalar
   if type(c) == 'number' then return c end
   if not (torch.isTensor(c) and input:nDimension() <= 2
         and input:size(input:nDimension()) == c:size(1)) then
      error('nn.AddConstant: the constant is not a number and does not match the input', 3)
   end
   return np(c)
end

function AddConstant:updateOutput(input)
   local c = constant(self, input)
   if self.inplace then
      K.AddConstant_updateOutput(np(input), np(input), c)
      self.output:set(input)
   else
      self.output:resizeAs(input)
      K.AddConstant_updateOutput(np(input), np(self.output), c)
   end
   return self.output
end

function AddConstant:updateGradInput(input, gradOutput)
   if self.inplace then
      self.gradInput:set(gradOutput)
      K.AddConstant_restoreInput(np(input), constant(self, input))
   else
      self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   end
   return self.gradInput
end
