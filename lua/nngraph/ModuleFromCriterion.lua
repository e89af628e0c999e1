local ModuleFromCriterion, parent = torch.class('nn.ModuleFromCriterion', 'nn.Module')
-- luacheck: globals graph nngraph

--[[ A module wrapping a criterion: input {prediction, target}, output a one-element tensor
holding the loss. The gradient with respect to the target is zero.
ARGS: criterion (nn.Criterion) ]]
function ModuleFromCriterion:__init(criterion)
   parent.__init(self)
   self.criterion = criterion
   self.output = torch.Tensor(1)
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

function ModuleFromCriterion:updateOutput(input)
   if type(input) ~= 'table' or #input ~= 2 then
      error('nn.ModuleFromCriterion: expecting the input {prediction, target}', 2)
   end
   self.output[1] = self.criterion:updateOutput(input[1], input[2])
   return self.output
end

function ModuleFromCriterion:updateGradInput(input, gradOutput)
   local prediction, target = input[1], input[2]
   local grad = self.criterion:updateGradInput(prediction, target)
   local scale = gradOutput[1]
   if type(grad) == 'table' then
      if type(self.gradInput[1]) ~= 'table' then
         self.gradInput[1] = {}
         for i = 1, #grad do self.gradInput[1][i] = grad[i].new() end
      end
      for i = 1, #grad do
         self.gradInput[1][i]:resizeAs(grad[i]):copy(grad[i]):mul(scale)
      end
   else
      self.gradInput[1]:resizeAs(grad):copy(grad):mul(scale)
   end
   self.gradInput[2]:resizeAs(target):zero()
   return self.gradInput
end
