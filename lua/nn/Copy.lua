local Copy, parent = torch.class('nn.Copy', 'nn.Module')

--[[ Copy the input into a tensor of type outtype (gradients back into intype). With equal
types and no forceCopy the output simply shares the input.
ARGS: intype, outtype (type names, default torch.Tensor's), forceCopy (boolean),
dontCast (boolean: :type() leaves the module alone) ]]
function Copy:__init(intype, outtype, forceCopy, dontCast)
   intype = intype or torch.Tensor.__typename
   outtype = outtype or torch.Tensor.__typename
   self.dontCast = dontCast
   parent.__init(self)
   self.gradInput = torch.getmetatable(intype).new()
   self.output = torch.getmetatable(outtype).new()
   if (not forceCopy) and intype == outtype then self._shareInput = true end
end

function Copy:updateOutput(input)
   if self._shareInput then
      self.output:set(input)
   else
      self.output:resize(input:size()):copy(input)
   end
   return self.output
end

function Copy:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if self._shareInput then
      self.gradInput:set(gradOutput)
   else
      self.gradInput:resize(gradOutput:size()):copy(gradOutput)
   end
   return self.gradInput
end

function Copy:type(typename, tensorCache)
   if typename and self.dontCast then return self end
   return parent.type(self, typename, tensorCache)
end
