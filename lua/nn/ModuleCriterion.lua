local ModuleCriterion, parent = torch.class('nn.ModuleCriterion', 'nn.Criterion')

--[[ A criterion applied after modules: the input goes through `inputModule` and the target
through `targetModule` (each optional) before `criterion` sees them; the gradient flows back
through `inputModule`. Parameters of the modules are not trained by this criterion.
ARGS: criterion, inputModule (optional), targetModule (optional), castTarget (boolean,
default true: type() converts targetModule too) ]]
function ModuleCriterion:__init(criterion, inputModule, targetModule, castTarget)
   parent.__init(self)
   if not torch.isTypeOf(criterion, 'nn.Criterion') then
      error('nn.ModuleCriterion: expecting a criterion, got ' .. torch.type(criterion), 2)
   end
   self.inputModule = inputModule
   self.targetModule = targetModule
   self.castTarget = castTarget == nil or castTarget
   if inputModule then
      local params = inputModule:parameters()
      if params and #params > 0 then
         print('Warning: nn.ModuleCriterion does not update the parameters of inputModule')
      end
   end
   self.criterion = criterion
end

function ModuleCriterion:updateOutput(input, target)
   if self.inputModule then self.input = self.inputModule:forward(input) end
   if self.targetModule then self.target = self.targetModule:forward(target) end
   self.output = self.criterion:forward(self.input or input, self.target or target)
   return self.output
end

function ModuleCriterion:updateGradInput(input, target)
   self.gradInput = self.criterion:backward(self.input or input, self.target or target)
   if self.inputModule then
      self.gradInput = self.inputModule:backward(input, self.gradInput)
   end
   return self.gradInput
end

--[[ Convert the criterion, the modules and the buffers to `typename`; with castTarget false
the target module and its output keep their type. RETURN: self ]]
function ModuleCriterion:type(typename, tensorCache)
   assert(typename, 'nn.ModuleCriterion.type: must provide a type to convert to')
   tensorCache = tensorCache or {}
   for key, value in pairs(self) do
      if self.castTarget or (key ~= 'targetModule' and key ~= 'target') then
         self[key] = nn.utils.recursiveType(value, typename, tensorCache)
      end
   end
   return self
end

function ModuleCriterion:__tostring__()
   return torch.type(self) .. ' @ ' .. tostring(self.criterion)
end
