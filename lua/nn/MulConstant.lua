local MulConstant, parent = torch.class('nn.MulConstant', 'nn.Module')
local S = nn._small

--[[ y = c * x for a fixed scalar c; in place, the input itself is scaled (and restored in
updateGradInput). ARGS: constant_scalar (number), ip (boolean, default false) ]]
function MulConstant:__init(constant_scalar, ip)
   parent.__init(self)
   if type(constant_scalar) ~= 'number' then
      error('nn.MulConstant: the constant must be a number', 2)
   end
   self.constant_scalar = constant_scalar
   self.inplace = ip or false
   if ip and type(ip) ~= 'boolean' then
      error('nn.MulConstant: in-place flag must be boolean', 2)
   end
end

function MulConstant:updateOutput(input)
   if self.inplace then
      S.MulConstant_updateOutput(input, input, self.constant_scalar)
      self.output:set(input)
   else
      self.output:resizeAs(input)
      S.MulConstant_updateOutput(input, self.output, self.constant_scalar)
   end
   return self.output
end

function MulConstant:updateGradInput(input, gradOutput)
   if self.gradInput then
      if self.inplace then
         self.gradInput:set(gradOutput)
      else
         self.gradInput:resizeAs(gradOutput)
      end
      S.MulConstant_updateGradInput(input, gradOutput, self.gradInput, self.constant_scalar,
         self.inplace or false)
      return self.gradInput
   end
end
