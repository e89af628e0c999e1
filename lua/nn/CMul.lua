local CMul, parent = torch.class('nn.CMul', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y = x .* w, with a learnt weight of the given size that broadcasts over a batch or
over its size-1 dimensions. ARGS: sizes (numbers, or one LongStorage) ]]
function CMul:__init(...)
   parent.__init(self)
   local arg = { ... }
   self.size = torch.LongStorage()
   if #arg == 1 and torch.type(arg[1]) == 'torch.LongStorage' then
      self.size:resize(#arg[1]):copy(arg[1])
   else
      self.size:resize(#arg)
      for i = 1, #arg do self.size[i] = arg[i] end
   end
   self.weight = torch.Tensor(self.size)
   self.gradWeight = torch.Tensor(self.size)
   self.output:resize(self.size)
   self:reset()
end

--[[ Draw the weight uniformly from [-stdv, stdv]; stdv defaults to 1/sqrt(nElement), a
given stdv is multiplied by sqrt(3). ARGS: stdv (number or nil) ]]
function CMul:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:nElement())
   self.weight:uniform(-stdv, stdv)
end

function CMul:updateOutput(input)
   self.output:resizeAs(input)
   K.CMul_updateOutput(np(input), np(self.output), np(self.weight))
   return self.output
end

function CMul:updateGradInput(input, gradOutput)
   if self.gradInput then
      self.gradInput:resizeAs(input)
      K.CMul_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.weight))
      return self.gradInput
   end
end

function CMul:accGradParameters(input, gradOutput, scale)
   K.CMul_accGradParameters(np(input), np(gradOutput), np(self.gradWeight), scale or 1)
end

function CMul:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

function CMul:clearState()
   nn.utils.clear(self, { '_input', '_output', '_weight', '_gradWeight', '_expand', '_repeat',
      '_sum' })
   return parent.clearState(self)
end
