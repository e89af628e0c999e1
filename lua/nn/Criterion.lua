local Criterion = torch.class('nn.Criterion')

--[[ Base class of losses: `output` is the loss (a number), `gradInput` its gradient. ]]
function Criterion:__init()
   self.gradInput = torch.Tensor()
   self.output = 0
end

function Criterion:updateOutput(input, target) -- luacheck: no unused args
end

function Criterion:updateGradInput(input, target) -- luacheck: no unused args
end

--[[ ARGS: input, target RETURN: the loss ]]
function Criterion:forward(input, target)
   return self:updateOutput(input, target)
end

--[[ ARGS: input, target RETURN: the gradient of the loss with respect to input ]]
function Criterion:backward(input, target)
   return self:updateGradInput(input, target)
end

--[[ A deep copy. RETURN: the copy ]]
function Criterion:clone()
   return nn.utils.deepCopy(self)
end

--[[ Convert all tensor fields (recursively) to `typename`. RETURN: self ]]
function Criterion:type(typename, tensorCache)
   assert(typename, 'nn.Criterion.type: must provide a type to convert to')
   nn.utils.checkTensorType(torch.typename(self) or 'nn.Criterion', typename)
   tensorCache = tensorCache or {}
   for key, value in pairs(self) do
      self[key] = nn.utils.recursiveType(value, typename, tensorCache)
   end
   return self
end

function Criterion:float() return self:type('torch.FloatTensor') end
function Criterion:double() return self:type('torch.DoubleTensor') end
function Criterion:cuda() return self:type('torch.CudaTensor') end

function Criterion:__call__(input, target)
   self.output = self:forward(input, target)
   self.gradInput = self:backward(input, target)
   return self.output, self.gradInput
end

function Criterion:__tostring__()
   return torch.type(self)
end
