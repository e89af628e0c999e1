local CAdd, parent = torch.class('nn.CAdd', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y = x + b, with a learnt bias of the given size that broadcasts over a batch or over its
size-1 dimensions. ARGS: sizes (numbers, or one LongStorage) ]]
function CAdd:__init(...)
   parent.__init(self)
   local arg = { ... }
   self.size = torch.LongStorage()
   if #arg == 1 and torch.type(arg[1]) == 'torch.LongStorage' then
      self.size:resize(#arg[1]):copy(arg[1])
   else
      self.size:resize(#arg)
      for i = 1, #arg do self.size[i] = arg[i] end
   end
   self.bias = torch.Tensor(self.size)
   self.gradBias = torch.Tensor(self.size)
   self.output:resize(self.size)
   self:reset()
end

--[[ Draw the bias uniformly from [-stdv, stdv]; stdv defaults to 1/sqrt(nElement), a given
stdv is multiplied by sqrt(3). ARGS: stdv (number or nil) ]]
function CAdd:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.bias:nElement())
   self.bias:uniform(-stdv, stdv)
end

function CAdd:updateOutput(input)
   self.output:resizeAs(input)
   K.CAdd_updateOutput(np(input), np(self.output), np(self.bias))
   return self.output
end

function CAdd:updateGradInput(input, gradOutput)
   self.gradInput = self.gradInput or input.new()
   self.gradInput:resizeAs(gradOutput):copy(gradOutput)
   return self.gradInput
end

function CAdd:accGradParameters(input, gradOutput, scale)
   K.CAdd_accGradParameters(np(input), np(gradOutput), np(self.gradBias), scale or 1)
end

function CAdd:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

function CAdd:clearState()
   nn.utils.clear(self, { '_gradBias', '_expand', '_output', '_bias', '_repeat' })
   return parent.clearState(self)
end
