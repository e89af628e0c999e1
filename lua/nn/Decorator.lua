local Decorator, parent = torch.class('nn.Decorator', 'nn.Container')

--[[ A container of one module that passes every call on to it; subclasses change some of
them (nn.Bottle, nn.NaN, nn.DontCast, nn.WeightNorm). ARGS: module ]]
function Decorator:__init(module)
   parent.__init(self)
   if not torch.isTypeOf(module, 'nn.Module') then
      error(torch.typename(self) .. ': expecting a module, got ' .. torch.type(module), 3)
   end
   self.modules[1] = module
end

function Decorator:updateOutput(input)
   self.output = self.modules[1]:updateOutput(input)
   return self.output
end

function Decorator:updateGradInput(input, gradOutput)
   self.gradInput = self.modules[1]:updateGradInput(input, gradOutput)
   return self.gradInput
end

function Decorator:accGradParameters(input, gradOutput, scale)
   self.modules[1]:accGradParameters(input, gradOutput, scale)
end

function Decorator:accUpdateGradParameters(input, gradOutput, lr)
   self.modules[1]:accUpdateGradParameters(input, gradOutput, lr)
end

function Decorator:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self.modules[1]:sharedAccUpdateGradParameters(input, gradOutput, lr)
end

function Decorator:__tostring__()
   return torch.type(self) .. ' @ ' .. tostring(self.modules[1])
end

--[[ Give `class` (one that cannot derive from nn.Decorator) the Decorator's forwarding
methods. ARGS: class ]]
function Decorator.decorate(class)
   for _, name in ipairs({ 'updateOutput', 'updateGradInput', 'accGradParameters',
         'accUpdateGradParameters', 'sharedAccUpdateGradParameters', '__tostring__' }) do
      class[name] = Decorator[name]
   end
end
