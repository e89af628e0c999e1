local CAddTensorTable, parent = torch.class('nn.CAddTensorTable', 'nn.Module')

--[[ Add one tensor to each tensor of a table: the input is {v, {a, b, ...}} and the output
is {v + a, v + b, ...}. ]]
function CAddTensorTable:__init()
   parent.__init(self)
   self.output = {}
   self.gradInput = {}
end

local function check(input)
   if torch.type(input) ~= 'table' or not torch.isTensor(input[1])
         or torch.type(input[2]) ~= 'table' then
      error('nn.CAddTensorTable: input must be {tensor, table of tensors}', 3)
   end
   for i = 1, #input[2] do
      if not torch.isTensor(input[2][i]) or input[2][i]:nElement() ~= input[1]:nElement() then
         error(string.format('nn.CAddTensorTable: input[2][%d] must be a tensor of %d elements',
            i, input[1]:nElement()), 3)
      end
   end
end

-- Keep tensors 1..n of `list` (made like `like`), dropping the rest.
local function fit(list, n, like)
   for i = 1, n do list[i] = list[i] or like.new() end
   for i = n + 1, #list do list[i] = nil end
   return list
end

function CAddTensorTable:updateOutput(input)
   check(input)
   local v, list = input[1], input[2]
   local output = fit(torch.type(self.output) == 'table' and self.output or {}, #list, v)
   for i = 1, #list do
      output[i]:resizeAs(v):copy(list[i]):add(v)
   end
   self.output = output
   return self.output
end

function CAddTensorTable:updateGradInput(input, gradOutput)
   check(input)
   local v, n = input[1], #input[2]
   self.gradInput[1] = self.gradInput[1] or v.new()
   local gv = self.gradInput[1]:resizeAs(v)
   if n == 0 then gv:zero() else gv:copy(gradOutput[1]) end
   for i = 2, n do gv:add(gradOutput[i]) end
   local list = fit(self.gradInput[2] or {}, n, v)
   for i = 1, n do list[i]:resizeAs(v):copy(gradOutput[i]) end
   self.gradInput[2] = list
   return self.gradInput
end
