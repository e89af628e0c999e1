local JustTable, parent = torch.class('nngraph.JustTable', 'nn.Module')
-- luacheck: globals graph nngraph

--[[ Takes one element and outputs the table {element} (what nngraph.nest({x}) uses). ]]
function JustTable:__init()
   parent.__init(self)
   self.output = {}
end

function JustTable:updateOutput(input)
   self.output[1] = input
   return self.output
end

function JustTable:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput = gradOutput[1]
   return self.gradInput
end
