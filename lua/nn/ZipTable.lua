local ZipTable, parent = torch.class('nn.ZipTable', 'nn.Module')

--[[ Transpose a table of tables: input { {a1, a2}, {b1, b2}, {c1, c2} } gives output
{ {a1, b1, c1}, {a2, b2, c2} }. The elements are passed on, not copied. ]]
function ZipTable:__init()
   parent.__init(self)
   self.output = {}
   self.gradInput = {}
end

-- A fresh table of tables with rows and columns of `outer` swapped; `who` names the argument.
local function zip(outer, who)
   if torch.type(outer) ~= 'table' then
      error('nn.ZipTable: ' .. who .. ' must be a table of tables, got ' .. torch.type(outer), 3)
   end
   local zipped = {}
   for i, inner in ipairs(outer) do
      if torch.type(inner) ~= 'table' then
         error(string.format('nn.ZipTable: element %d of the %s must be a table, got %s',
            i, who, torch.type(inner)), 3)
      end
      for j, value in ipairs(inner) do
         zipped[j] = zipped[j] or {}
         zipped[j][i] = value
      end
   end
   return zipped
end

function ZipTable:updateOutput(input)
   self.output = zip(input, 'input')
   return self.output
end

function ZipTable:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput = zip(gradOutput, 'gradOutput')
   return self.gradInput
end

--[[ Drop the references to the input and gradient tables. RETURN: self ]]
function ZipTable:clearState()
   return nn.utils.clearFresh(self, 'output', 'gradInput')
end
