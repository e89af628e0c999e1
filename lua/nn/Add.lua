local Add, parent = torch.class('nn.Add', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y = x + b, with a learnt bias of inputSize elements (or one shared scalar).
ARGS: inputSize (number), scalar (boolean: one bias for every element) ]]
function Add:__init(inputSize, scalar)
   parent.__init(self)
   local size = scalar and 1 or inputSize
   self.scalar = scalar
   self.bias = torch.Tensor(size)
   self.gradBias = torch.Tensor(size)
   self._ones = torch.Tensor({ 1 })
   self:reset()
end

--[[ Draw the bias uniformly from [-stdv, stdv]; stdv defaults to 1/sqrt(#bias), a given
stdv is multiplied by sqrt(3). ARGS: stdv (number or nil) ]]
function Add:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.bias:size(1))
   self.bias:uniform(-stdv, stdv)
end

local function checkInput(self, input)
   local n = self.bias:nElement()
   if not self.scalar and (input:nElement() ~= n and
         (input:dim() < 2 or input:nElement() ~= input:size(1) * n)) then
      error(string.format('nn.Add: input with %d elements does not match a bias of %d',
         input:nElement(), n), 3)
   end
end

function Add:updateOutput(input)
   checkInput(self, input)
   self.output:resizeAs(input)
   K.Add_updateOutput(np(input), np(self.output), np(self.bias), self.scalar or false)
   return self.output
end

function Add:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self.gradInput then
      self.gradInput:resizeAs(gradOutput):copy(gradOutput)
      return self.gradInput
   end
end

function Add:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   K.Add_accGradParameters(np(input), np(gradOutput), np(self.gradBias), scale or 1)
end
