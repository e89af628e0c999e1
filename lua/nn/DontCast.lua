local DontCast, parent = torch.class('nn.DontCast', 'nn.Decorator')

-- The tensor type of `x` (a tensor, or the first tensor found in a nested table), and
-- whether one was found.
local function tensorType(x)
   if type(x) == 'table' and not torch.isTensor(x) then
      local found
      for _, v in pairs(x) do
         local t
         t, found = tensorType(v)
         if found then return t, true end
      end
      return nil, false
   end
   return torch.type(x), torch.isTensor(x)
end

-- Copy `src` (a tensor or nested table of them) into tensors of type `typename`, reusing
-- those of `dst` that already have that type. RETURN: the copy
local function castCopy(dst, src, typename)
   if torch.type(src) == 'table' then
      dst = torch.type(dst) == 'table' and dst or {}
      for k, v in pairs(src) do dst[k] = castCopy(dst[k], v, typename) end
   elseif torch.isTensor(src) then
      if torch.type(dst) ~= typename then dst = torch.getmetatable(typename).new() end
      dst:resize(src:size())
      if src:nElement() > 0 then dst:copy(src) end
   end
   return dst
end

-- The type this decorator's own buffer `x` holds (the default type when it holds none).
local function ownType(x)
   local t, found = tensorType(x)
   return found and t or torch.getdefaulttensortype()
end

--[[ Wrap `module` so that type() leaves it alone: only this decorator's output and gradInput
change type. With castin the input is copied to the module's type (and gradInput back); with
castout the module's output is copied to this decorator's type (and gradOutput back).
ARGS: module, castin (boolean), castout (boolean, default castin), moduleType (string,
default: the type of the module's output or parameters) ]]
function DontCast:__init(module, castin, castout, moduleType)
   parent.__init(self, module)
   self.castin = castin
   self.castout = castout == nil and castin or castout
   self.moduleType = moduleType
   if (self.castin or self.castout) and not self.moduleType then
      local t, found = tensorType(module.output)
      if not found then t, found = tensorType(module:parameters()) end
      if not found then
         error('nn.DontCast: cannot tell the module type; give it as argument 4', 2)
      end
      self.moduleType = t
   end
end

-- The input and gradOutput the wrapped module saw in the last forward and backward.
function DontCast:_inner(input, gradOutput)
   if self.castin and tensorType(input) ~= self.moduleType then input = self._input end
   if self.castout and gradOutput and tensorType(gradOutput) ~= self.moduleType then
      gradOutput = self._gradOutput
   end
   return input, gradOutput
end

function DontCast:updateOutput(input)
   if self.castin and tensorType(input) ~= self.moduleType then
      self._input = castCopy(self._input, input, self.moduleType)
      input = self._input
   end
   local output = self.modules[1]:updateOutput(input)
   self.output = self.castout and castCopy(self.output, output, ownType(self.output)) or output
   return self.output
end

function DontCast:updateGradInput(input, gradOutput)
   input = self:_inner(input)
   if self.castout and tensorType(gradOutput) ~= self.moduleType then
      self._gradOutput = castCopy(self._gradOutput, gradOutput, self.moduleType)
      gradOutput = self._gradOutput
   end
   local gradInput = self.modules[1]:updateGradInput(input, gradOutput)
   if self.castin then
      self.gradInput = castCopy(self.gradInput, gradInput, ownType(self.gradInput))
   else
      self.gradInput = gradInput
   end
   return self.gradInput
end

function DontCast:accGradParameters(input, gradOutput, scale)
   input, gradOutput = self:_inner(input, gradOutput)
   self.modules[1]:accGradParameters(input, gradOutput, scale)
end

function DontCast:accUpdateGradParameters(input, gradOutput, lr)
   input, gradOutput = self:_inner(input, gradOutput)
   self.modules[1]:accUpdateGradParameters(input, gradOutput, lr)
end

function DontCast:sharedAccUpdateGradParameters(input, gradOutput, lr)
   input, gradOutput = self:_inner(input, gradOutput)
   self.modules[1]:sharedAccUpdateGradParameters(input, gradOutput, lr)
end

--[[ Change the type of this decorator's output (with castout) and gradInput (with castin)
only; the wrapped module keeps its type. RETURN: self ]]
function DontCast:type(typename)
   if not typename then return self._type end
   if self.castout and tensorType(self.output) ~= typename then
      self.output = castCopy(nil, self.output, typename)
   end
   if self.castin and tensorType(self.gradInput) ~= typename then
      self.gradInput = castCopy(nil, self.gradInput, typename)
   end
   return self
end

function DontCast:clearState()
   nn.utils.clear(self, '_input', '_gradOutput')
   return parent.clearState(self)
end
