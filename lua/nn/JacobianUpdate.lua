-- nn.Jacobian.testAllUpdate: checks that the parameter-update paths of a module agree.
local Jacobian = nn.Jacobian

--[[ Compare updateParameters after accGradParameters with accUpdateGradParameters, alone
and with shared parameters, for the parameter field `weight` and its gradient `gradWeight`.
RETURN: a table of error norms keyed by the path checked (each should be about 0) ]]
function Jacobian.testAllUpdate(module, input, weight, gradWeight)
   local lr = torch.uniform(0.1, 1)
   local errors = {}

   local acc = module:clone()
   local start = acc[weight]:clone()
   acc:forward(input)
   local gradOutput = torch.rand(acc.output:size())
   acc:zeroGradParameters()
   acc:updateGradInput(input, gradOutput)
   acc:accGradParameters(input, gradOutput)
   acc:updateParameters(lr)
   errors['accGradParameters'] = (start - acc[gradWeight] * lr - acc[weight]):norm()

   local accUpdate = module:clone()
   accUpdate:forward(input)
   accUpdate:updateGradInput(input, gradOutput)
   accUpdate:accUpdateGradParameters(input, gradOutput, lr)
   errors['accUpdateGradParameters'] = (accUpdate[weight] - acc[weight]):norm()

   local expected = start - acc[gradWeight] * (lr * 2)
   local function shared(update)
      local m1, m2 = module:clone(), module:clone()
      m2:share(m1, weight)
      m1:forward(input)
      m2:forward(input)
      if not update then
         m1:zeroGradParameters()
         m2:zeroGradParameters()
      end
      m1:updateGradInput(input, gradOutput)
      m2:updateGradInput(input, gradOutput)
      if update then
         m1:accUpdateGradParameters(input, gradOutput, lr)
         m2:accUpdateGradParameters(input, gradOutput, lr)
      else
         m1:accGradParameters(input, gradOutput)
         m2:accGradParameters(input, gradOutput)
         m1:updateParameters(lr)
         m2:updateParameters(lr)
      end
      return (expected - m1[weight]):norm() + (expected - m2[weight]):norm()
   end
   errors['accGradParameters [shared]'] = shared(false)
   errors['accUpdateGradParameters [shared]'] = shared(true)
   return errors
end
