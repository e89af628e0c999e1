local FlattenTable, parent = torch.class('nn.FlattenTable', 'nn.Module')

--[[ Flatten a nested table of tensors into one flat table, depth first; gradients are
nested back the same way. ]]
function FlattenTable:__init()
   parent.__init(self)
   self.output = {}
   self.input_map = {}
   self.gradInput = {}
end

-- Append the tensors of `input` to `output`; return the map (same nesting, output indices).
local function flatten(output, input)
   if torch.type(input) == 'table' then
      local map = {}
      for i = 1, #input do map[#map + 1] = flatten(output, input[i]) end
      return map
   end
   output[#output + 1] = input
   return #output
end

-- True when `output` already holds the tensors of `input` at the places `map` says.
local function checkMapping(output, input, map)
   if map == nil or output == nil or input == nil then return false end
   if torch.type(input) == 'table' then
      if torch.type(map) ~= 'table' or #input ~= #map then return false end
      for i = 1, #input do
         if not checkMapping(output, input[i], map[i]) then return false end
      end
      return true
   end
   return torch.type(map) == 'number' and output[map] == input
end

-- The nested table of gradOutput's entries shaped like `map`.
local function inverseFlatten(gradOutput, map)
   if torch.type(map) == 'table' then
      local r = {}
      for i = 1, #map do r[#r + 1] = inverseFlatten(gradOutput, map[i]) end
      return r
   end
   return gradOutput[map]
end

function FlattenTable:updateOutput(input)
   if torch.type(input) ~= 'table' then error('nn.FlattenTable: input must be a table', 2) end
   if not checkMapping(self.output, input, self.input_map) then
      self.output = {}
      self.input_map = flatten(self.output, input)
   end
   return self.output
end

function FlattenTable:updateGradInput(input, gradOutput)
   if torch.type(input) ~= 'table' then error('nn.FlattenTable: input must be a table', 2) end
   if not checkMapping(gradOutput, self.gradInput, self.input_map) then
      self.gradInput = inverseFlatten(gradOutput, self.input_map)
   end
   return self.gradInput
end

-- Only references are kept, so a type change just empties the tables.
function FlattenTable:type(typename, tensorCache) -- luacheck: no unused args
   return self:clearState()
end

function FlattenTable:clearState()
   self.input_map = {}
   return parent.clearState(self)
end
