local NaN, parent = torch.class('nn.NaN', 'nn.Decorator')

local lastId = 0

--[[ The next id for a new nn.NaN. RETURN: a number ]]
function NaN.newId()
   lastId = lastId + 1
   return lastId
end

--[[ Wrap `module` and raise an error as soon as its output, gradInput or parameter gradients
hold a NaN, saying whether the NaN came in with the input, gradOutput or parameters.
ARGS: module, id (shown in messages; default: the next number) ]]
function NaN:__init(module, id)
   parent.__init(self, module)
   self.id = id or NaN.newId()
end

--[[ Whether `x` (a tensor, a number or a nested table of them) holds a NaN. ]]
function NaN:recursiveIsNaN(x)
   if torch.isTensor(x) then
      local s = x:sum()
      return s ~= s
   elseif type(x) == 'number' then
      return x ~= x
   elseif type(x) == 'table' then
      for _, v in pairs(x) do
         if self:recursiveIsNaN(v) then return true end
      end
   end
   return false
end

function NaN:_fail(where)
   error(string.format('nn.NaN: NaN found in %s of module:\n%s', where, tostring(self)), 3)
end

function NaN:updateOutput(input)
   self.output = self.modules[1]:updateOutput(input)
   if self:recursiveIsNaN(self.output) then
      if self:recursiveIsNaN(input) then self:_fail('input') end
      if self:recursiveIsNaN(self:parameters()) then self:_fail('parameters') end
      self:_fail('output')
   end
   return self.output
end

function NaN:updateGradInput(input, gradOutput)
   self.gradInput = self.modules[1]:updateGradInput(input, gradOutput)
   if self:recursiveIsNaN(self.gradInput) then
      if self:recursiveIsNaN(gradOutput) then self:_fail('gradOutput') end
      self:_fail('gradInput')
   end
   return self.gradInput
end

function NaN:accGradParameters(input, gradOutput, scale)
   self.modules[1]:accGradParameters(input, gradOutput, scale)
   local _, gradParams = self:parameters()
   if self:recursiveIsNaN(gradParams) then self:_fail('gradParameters') end
end

function NaN:__tostring__()
   return string.format('%s(%s) @ %s', torch.type(self), tostring(self.id),
      tostring(self.modules[1]))
end
