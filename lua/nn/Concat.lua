local Concat, parent = torch.class('nn.Concat', 'nn.Container')

--[[ Feed the same input to every child and join their outputs along `dimension`.
ARGS: dimension (number) ]]
function Concat:__init(dimension)
   parent.__init(self)
   self.outputSize = torch.LongStorage()
   self.dimension = dimension
end

function Concat:updateOutput(input)
   self.outputSize = self.outputSize or torch.LongStorage()
   local dim, outs = self.dimension, {}
   for i = 1, #self.modules do
      local out = self:rethrowErrors(self.modules[i], i, 'updateOutput', input)
      outs[i] = out
      if i == 1 then
         self.outputSize:resize(out:dim()):copy(out:size())
      else
         self.outputSize[dim] = self.outputSize[dim] + out:size(dim)
      end
   end
   self.output:resize(self.outputSize)
   local offset = 1
   for i = 1, #outs do
      local n = outs[i]:size(dim)
      self.output:narrow(dim, offset, n):copy(outs[i])
      offset = offset + n
   end
   return self.output
end

-- Run `method` on every child with its slice of gradOutput and sum the gradients.
local function backward(self, method, input, gradOutput, scale)
   local isTable = torch.type(input) == 'table'
   if not isTable then
      if torch.type(self.gradInput) == 'table' then self.gradInput = input.new() end
      self.gradInput:resizeAs(input)
   end
   local offset, first = 1, true
   for i, module in ipairs(self.modules) do
      local n = module.output:size(self.dimension)
      local gi = self:rethrowErrors(module, i, method, input,
         gradOutput:narrow(self.dimension, offset, n), scale)
      if isTable and (torch.type(gi) ~= 'table' or #gi ~= #input) then
         error('nn.Concat: the gradInput of module ' .. i .. ' does not match the input table')
      end
      if gi then
         self.gradInput = nn.Container._accumulate(self.gradInput, gi, first)
         first = false
      end
      offset = offset + n
   end
   return self.gradInput
end

function Concat:updateGradInput(input, gradOutput)
   return backward(self, 'updateGradInput', input, gradOutput)
end

function Concat:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   local offset = 1
   for i, module in ipairs(self.modules) do
      local n = module.output:size(self.dimension)
      self:rethrowErrors(module, i, 'accGradParameters', input,
         gradOutput:narrow(self.dimension, offset, n), scale)
      offset = offset + n
   end
end

function Concat:backward(input, gradOutput, scale)
   return backward(self, 'backward', input, gradOutput, scale or 1)
end

function Concat:accUpdateGradParameters(input, gradOutput, lr)
   local offset = 1
   for i, module in ipairs(self.modules) do
      local n = module.output:size(self.dimension)
      self:rethrowErrors(module, i, 'accUpdateGradParameters', input,
         gradOutput:narrow(self.dimension, offset, n), lr)
      offset = offset + n
   end
end

function Concat:__tostring__()
   return self:_branchString()
end
