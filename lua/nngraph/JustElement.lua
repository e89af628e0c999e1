local JustElement, parent = torch.class('nngraph.JustElement', 'nn.Module')
-- luacheck: globals graph nngraph

--[[ Takes a table of one element and outputs that element (what node:split(1) uses). ]]
function JustElement:__init()
   parent.__init(self)
   self.gradInput = {}
end

function JustElement:updateOutput(input)
   if type(input) ~= 'table' or #input ~= 1 then
      error('nngraph.JustElement: expecting a table of one element', 2)
   end
   self.output = input[1]
   return self.output
end

function JustElement:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput[1] = gradOutput
   return self.gradInput
end
