local ZipTableOneToMany, parent = torch.class('nn.ZipTableOneToMany', 'nn.Module')

--[[ Pair one element with each entry of a table: input { v, {a, b, c} } gives output
{ {v, a}, {v, b}, {v, c} }. The gradient of v is the sum of its gradients in every pair. ]]
function ZipTableOneToMany:__init()
   parent.__init(self)
   self.output = {}
   self.gradInput = {}
   self.gradInputEl = torch.Tensor()
end

local function checkInput(input)
   if torch.type(input) ~= 'table' or #input ~= 2 or torch.type(input[2]) ~= 'table' then
      error('nn.ZipTableOneToMany: input must be a table { element, table }', 3)
   end
end

function ZipTableOneToMany:updateOutput(input)
   checkInput(input)
   local element = input[1]
   self.output = {}
   for i, value in ipairs(input[2]) do self.output[i] = { element, value } end
   return self.output
end

function ZipTableOneToMany:updateGradInput(input, gradOutput)
   checkInput(input)
   self.gradInputEl:resizeAs(input[1]):zero()
   local gradTable = {}
   for i, pair in ipairs(gradOutput) do
      self.gradInputEl:add(pair[1])
      gradTable[i] = pair[2]
   end
   self.gradInput = { self.gradInputEl, gradTable }
   return self.gradInput
end

--[[ Drop the references to the input and gradient tables and empty the element's
gradient buffer. RETURN: self ]]
function ZipTableOneToMany:clearState()
   self.gradInputEl:set()
   return nn.utils.clearFresh(self, 'output', 'gradInput')
end
