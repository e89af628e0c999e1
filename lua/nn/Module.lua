local Module = torch.class('nn.Module')

--[[ Base class of all modules: `output` and `gradInput` buffers, `_type`, the protocol. ]]
function Module:__init()
   self.gradInput = torch.Tensor()
   self.output = torch.Tensor()
   self._type = self.output:type()
end

-- luacheck: push no unused args
function Module:reset() end
function Module:updateOutput(input) return self.output end
function Module:updateGradInput(input, gradOutput) return self.gradInput end
function Module:accGradParameters(input, gradOutput, scale) end
-- luacheck: pop

--[[ ARGS: input RETURN: self.output ]]
function Module:forward(input) return self:updateOutput(input) end

--[[ Gradient with respect to the input, and accumulate the parameter gradients.
ARGS: input, gradOutput, scale (number, default 1) RETURN: self.gradInput ]]
function Module:backward(input, gradOutput, scale)
   self:updateGradInput(input, gradOutput)
   self:accGradParameters(input, gradOutput, scale or 1)
   return self.gradInput
end

--[[ updateGradInput, then accUpdateGradParameters. RETURN: self.gradInput ]]
function Module:backwardUpdate(input, gradOutput, lr)
   self:updateGradInput(input, gradOutput)
   self:accUpdateGradParameters(input, gradOutput, lr)
   return self.gradInput
end

--[[ Update the parameters by -lr times this call's gradient, without touching the
gradient buffers (shared modules go through zeroGradParameters and updateParameters). ]]
function Module:accUpdateGradParameters(input, gradOutput, lr)
   if self.shared then return self:sharedAccUpdateGradParameters(input, gradOutput, lr) end
   self:defaultAccUpdateGradParameters(input, gradOutput, lr)
end

-- Accumulate -lr times the gradient straight into the parameters.
function Module:defaultAccUpdateGradParameters(input, gradOutput, lr)
   local gradWeight, gradBias = self.gradWeight, self.gradBias
   self.gradWeight, self.gradBias = self.weight, self.bias
   self:accGradParameters(input, gradOutput, -lr)
   self.gradWeight, self.gradBias = gradWeight, gradBias
end

function Module:sharedAccUpdateGradParameters(input, gradOutput, lr)
   if self:parameters() then
      self:zeroGradParameters()
      self:accGradParameters(input, gradOutput, 1)
      self:updateParameters(lr)
   end
end

--[[ RETURN: list of parameter tensors, list of their gradients (nil when none) ]]
function Module:parameters()
   if self.weight and self.bias then
      return { self.weight, self.bias }, { self.gradWeight, self.gradBias }
   elseif self.weight then
      return { self.weight }, { self.gradWeight }
   elseif self.bias then
      return { self.bias }, { self.gradBias }
   end
end

function Module:zeroGradParameters()
   local _, gradParams = self:parameters()
   for i = 1, gradParams and #gradParams or 0 do gradParams[i]:zero() end
end

--[[ params = params - learningRate * gradParams. ARGS: learningRate (number) ]]
function Module:updateParameters(learningRate)
   local params, gradParams = self:parameters()
   for i = 1, params and #params or 0 do params[i]:add(-learningRate, gradParams[i]) end
end

function Module:training() self.train = true end
function Module:evaluate() self.train = false end

--[[ Make the fields named in `...` of self point at those of `mlp`.
ARGS: mlp (module), field names (strings) RETURN: self ]]
function Module:share(mlp, ...)
   for _, name in ipairs({ ... }) do
      if self[name] ~= nil then
         self[name]:set(mlp[name])
         self.shared = true
         mlp.shared = true
      end
   end
   return self
end

--[[ A deep copy; the fields named in `...` are shared with self. RETURN: the copy ]]
function Module:clone(...)
   local copy = nn.utils.deepCopy(self)
   if select('#', ...) > 0 then copy:share(self, ...) end
   return copy
end

--[[ Convert all tensor fields and buffers (recursively) to `typename`; without an argument
return the current type. ARGS: typename (string), tensorCache (table or nil) RETURN: self ]]
function Module:type(typename, tensorCache)
   if not typename then return self._type end
   nn.utils.checkTensorType(torch.typename(self) or 'nn.Module', typename)
   tensorCache = tensorCache or {}
   for key, value in pairs(self) do
      self[key] = nn.utils.recursiveType(value, typename, tensorCache)
   end
   self._type = typename
   return self
end

function Module:float(...) return self:type('torch.FloatTensor', ...) end
function Module:double(...) return self:type('torch.DoubleTensor', ...) end
function Module:cuda(...) return self:type('torch.CudaTensor', ...) end

--[[ Drop the output and gradInput buffers. RETURN: self ]]
function Module:clearState() return nn.utils.clear(self, 'output', 'gradInput') end

-- Serialized as one plain table of the fields, as Torch7 wrote modules.
function Module:write(file)
   local object = {}
   for k, v in pairs(self) do object[k] = v end
   file:writeObject(object)
end

function Module:read(file) for k, v in pairs(file:readObject()) do self[k] = v end end

Module._flattenTensorBuffer, Module.flatten = {}, nn.utils.flatten

--[[ Flatten all parameters into one storage and all gradients into another, re-pointing
the module's tensors at them. RETURN: parameters (1-D tensor), gradients (1-D tensor) ]]
function Module:getParameters()
   local parameters, gradParameters = self:parameters()
   local p, g = Module.flatten(parameters), Module.flatten(gradParameters)
   assert(p:nElement() == g:nElement(), 'nn.Module.getParameters: parameters and '
      .. 'gradients differ in size (share parameters and gradParameters alike)')
   if parameters then
      for i = 1, #parameters do
         assert(parameters[i]:storageOffset() == gradParameters[i]:storageOffset(),
            'nn.Module.getParameters: misaligned parameter at ' .. tostring(i))
      end
   end
   return p, g
end

--[[ Alias of getParameters. RETURN: parameters, gradients (1-D tensors) ]]
function Module:flattenParameters() return self:getParameters() end

function Module:__call__(input, gradOutput)
   self:forward(input)
   if not gradOutput then return self.output end
   self:backward(input, gradOutput)
   return self.output, self.gradInput
end

--[[ Call `callback(module)` on self and every descendant, parents first. ]]
function Module:apply(callback)
   callback(self)
   for _, m in ipairs(self.modules or {}) do m:apply(callback) end
end

--[[ Replace self and descendants by `callback(module)`. RETURN: callback(self) ]]
function Module:replace(callback)
   local out = callback(self)
   for i, m in ipairs(self.modules or {}) do self.modules[i] = m:replace(callback) end
   return out
end

--[[ RETURN: the modules of class `typename` below self, and their containers ]]
function Module:findModules(typename, container)
   container = container or self
   local nodes, containers = {}, {}
   if torch.typename(self) == typename then
      nodes[1], containers[1] = self, container
   end
   if torch.type(self.modules) == 'table' then
      for _, child in ipairs(self.modules) do
         local n, c = child:findModules(typename, self)
         for j = 1, #n do
            nodes[#nodes + 1], containers[#containers + 1] = n[j], c[j]
         end
      end
   end
   return nodes, containers
end

--[[ RETURN: self and all its descendants, depth first ]]
function Module:listModules()
   local list = { self }
   for _, child in ipairs(self.modules or {}) do
      for _, m in ipairs(child:listModules()) do list[#list + 1] = m end
   end
   return list
end

function Module:__tostring__() return torch.type(self) end
