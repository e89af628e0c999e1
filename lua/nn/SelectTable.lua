local SelectTable, parent = torch.class('nn.SelectTable', 'nn.Module')

--[[ Output element `index` of the input table (negative counts from the end).
ARGS: index (number) ]]
function SelectTable:__init(index)
   parent.__init(self)
   self.index = index
   self.gradInput = {}
end

local function position(self, input)
   local index = self.index
   if type(index) == 'number' and index < 0 then index = #input + index + 1 end
   return index
end

function SelectTable:updateOutput(input)
   local index = position(self, input)
   if input[index] == nil then
      error('nn.SelectTable: index ' .. tostring(self.index) .. ' does not exist in the input', 2)
   end
   self.output = input[index]
   return self.output
end

-- Make t1 a copy of t2's structure with zero tensors of t2's sizes.
local function zeroLike(t1, t2)
   for k, v in pairs(t2) do
      if torch.type(v) == 'table' then
         t1[k] = zeroLike(t1[k] or {}, v)
      elseif torch.isTensor(v) then
         t1[k] = torch.isTensor(t1[k]) and t1[k] or v.new()
         t1[k]:resizeAs(v):zero()
      else
         t1[k] = nil
      end
   end
   for k in pairs(t1) do
      if t2[k] == nil then t1[k] = nil end
   end
   return t1
end

function SelectTable:updateGradInput(input, gradOutput)
   zeroLike(self.gradInput, input)
   local index = position(self, input)
   self.gradInput[index] = nn.utils.recursiveCopy(self.gradInput[index], gradOutput)
   return self.gradInput
end

function SelectTable:type(typename, tensorCache)
   self.gradInput = {}
   self.output = {}
   return parent.type(self, typename, tensorCache)
end

function SelectTable:clearState()
   return nn.utils.clearFresh(self, 'output', 'gradInput')
end

function SelectTable:__tostring__()
   return torch.type(self) .. '(' .. self.index .. ')'
end
