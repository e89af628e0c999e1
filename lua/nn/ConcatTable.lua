local ConcatTable, parent = torch.class('nn.ConcatTable', 'nn.Container')

--[[ Feed the same input to every child; the output is the table of their outputs. ]]
function ConcatTable:__init()
   parent.__init(self)
   self.modules = {}
   self.output = {}
end

function ConcatTable:updateOutput(input)
   for i = 1, #self.modules do
      self.output[i] = self:rethrowErrors(self.modules[i], i, 'updateOutput', input)
   end
   return self.output
end

local function backward(self, method, input, gradOutput, scale)
   local isTable = torch.type(input) == 'table'
   for i, module in ipairs(self.modules) do
      local gi = self:rethrowErrors(module, i, method, input, gradOutput[i], scale)
      if isTable and torch.type(gi) ~= 'table' then
         error('nn.ConcatTable: the gradInput of module ' .. i .. ' is not a table')
      end
      if isTable and #input ~= #gi then
         error('nn.ConcatTable: table size mismatch: ' .. #input .. ' ~= ' .. #gi)
      end
      self.gradInput = nn.Container._accumulate(self.gradInput, gi, i == 1)
   end
   return self.gradInput
end

function ConcatTable:updateGradInput(input, gradOutput)
   return backward(self, 'updateGradInput', input, gradOutput)
end

function ConcatTable:accGradParameters(input, gradOutput, scale)
   scale = scale or 1
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accGradParameters', input, gradOutput[i], scale)
   end
end

function ConcatTable:backward(input, gradOutput, scale)
   return backward(self, 'backward', input, gradOutput, scale or 1)
end

function ConcatTable:accUpdateGradParameters(input, gradOutput, lr)
   for i, module in ipairs(self.modules) do
      self:rethrowErrors(module, i, 'accUpdateGradParameters', input, gradOutput[i], lr)
   end
end

function ConcatTable:__tostring__()
   return self:_branchString()
end
