local Reshape, parent = torch.class('nn.Reshape', 'nn.Module')

--[[ Reshape the input (copied first when not contiguous). A trailing boolean forces
(true) or forbids (false) a leading batch dimension; by default an input with exactly the
target number of elements and a first size other than 1 is taken as one sample.
ARGS: sizes (numbers) or one torch.LongStorage, batchMode (boolean or nil) ]]
function Reshape:__init(...)
   parent.__init(self)
   local arg = { ... }
   self.size = torch.LongStorage()
   self.batchsize = torch.LongStorage()
   if torch.type(arg[#arg]) == 'boolean' then
      self.batchMode = arg[#arg]
      table.remove(arg, #arg)
   end
   if #arg == 1 and torch.typename(arg[1]) == 'torch.LongStorage' then
      self.size:resize(arg[1]:size()):copy(arg[1])
   else
      self.size:resize(#arg)
      for i = 1, #arg do self.size[i] = arg[i] end
   end
   self.nelement = 1
   self.batchsize:resize(self.size:size() + 1)
   for i = 1, self.size:size() do
      self.nelement = self.nelement * self.size[i]
      self.batchsize[i + 1] = self.size[i]
   end
end

function Reshape:updateOutput(input)
   if not input:isContiguous() then
      self._input = self._input or input.new()
      self._input:resizeAs(input):copy(input)
      input = self._input
   end
   if self.batchMode == false
      or (self.batchMode == nil and input:nElement() == self.nelement and input:size(1) ~= 1) then
      self.output:view(input, self.size)
   else
      self.batchsize[1] = input:size(1)
      self.output:view(input, self.batchsize)
   end
   return self.output
end

function Reshape:updateGradInput(input, gradOutput)
   if not gradOutput:isContiguous() then
      self._gradOutput = self._gradOutput or gradOutput.new()
      self._gradOutput:resizeAs(gradOutput):copy(gradOutput)
      gradOutput = self._gradOutput
   end
   self.gradInput:viewAs(gradOutput, input)
   return self.gradInput
end

function Reshape:clearState()
   nn.utils.clear(self, '_input', '_gradOutput')
   return parent.clearState(self)
end

function Reshape:__tostring__()
   local parts = {}
   for i = 1, self.size:size() do parts[i] = tostring(self.size[i]) end
   return torch.type(self) .. '(' .. table.concat(parts, 'x') .. ')'
end
