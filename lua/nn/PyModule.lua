local PyModule, parent = torch.class('nn.PyModule', 'nn.Module')

--[[ A module whose forward is a Python module (a subclass of pytorch_bridge.nn.Module)
and whose backward comes from the Python gradient tape. From Python, adding a Python module
to a Lua container makes one; from a Lua script, name the class as 'package.module:Class'
followed by its constructor arguments. Inputs and outputs are single tensors.
ARGS: impl (a handle made by pytorch_bridge, or a 'package.module:Class' string), ... ]]
function PyModule:__init(impl, ...)
   parent.__init(self)
   if type(impl) == 'string' then
      local hooks = PyModule._hooks
      if hooks == nil then
         error('nn.PyModule: the Python side is not loaded (import pytorch_bridge.nn)', 2)
      end
      impl = hooks.create(impl, ...)
   end
   if impl == nil then error('nn.PyModule: expected a Python module or a class name', 2) end
   self._py = impl
end

-- A contiguous tensor of type `name` over the 1-D array `flat`, with sizes `...`.
local function wrap(name, flat, ...)
   local T = torch._types[name]
   local t = torch._rawTensor(T, torch._storageFromArray(T, flat), 0)
   t:resize(...)
   return t
end

-- The arrays of the parameter tensors Lua holds (they may have been re-pointed by
-- getParameters); Python follows them.
local function paramArrays(self)
   local ps = self._params
   if ps == nil then return end
   local out = {}
   for i = 1, #ps do out[i] = torch._np(ps[i]) end
   for i = 1, #ps do out[#ps + i] = torch._np(self._grads[i]) end
   return unpack(out, 1, 2 * #ps)
end

--[[ Point the Python parameters at the memory of the Lua tensors that share them (after
getParameters re-pointed those). RETURN: self ]]
function PyModule:syncParameters()
   if self._params ~= nil then self._py.rebind(paramArrays(self)) end
   return self
end

function PyModule:updateOutput(input)
   if not torch.isTensor(input) then error('nn.PyModule: input must be a tensor', 2) end
   self.output = wrap(self._py.forward(torch._np(input), paramArrays(self)))
   return self.output
end

function PyModule:updateGradInput(input, gradOutput)
   self.gradInput = wrap(self._py.backward(torch._np(input), torch._np(gradOutput)))
   return self.gradInput
end

function PyModule:accGradParameters(input, gradOutput, scale)
   self._py.acc(torch._np(input), torch._np(gradOutput), scale or 1)
end

--[[ Lua tensors sharing the memory of the Python parameters and their gradients.
RETURN: parameters, gradients (tables, or nil without parameters) ]]
function PyModule:parameters()
   if self._params == nil then
      local list = { self._py.lua_parameters() }
      local n = #list / 2
      if n == 0 then return nil end
      self._params, self._grads = {}, {}
      for i = 1, n do
         self._params[i] = list[i]
         self._grads[i] = list[n + i]
      end
   end
   return self._params, self._grads
end

function PyModule:zeroGradParameters()
   self._py.zero_grad()
end

function PyModule:training()
   parent.training(self)
   self._py.set_training(true)
end

function PyModule:evaluate()
   parent.evaluate(self)
   self._py.set_training(false)
end

function PyModule:write()
   error('nn.PyModule: a Python module cannot be written to a Torch7 file', 2)
end

function PyModule:__tostring__()
   return torch.type(self) .. '(' .. tostring(self._py.describe()) .. ')'
end
