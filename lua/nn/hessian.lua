-- nn.hessian: estimates of the diagonal of the Hessian, by a backward pass with squared
-- weights (Becker & LeCun's approximation), used to give each parameter its own learning rate.
-- Nothing changes until `nn.hessian.enable()` is called; it then adds
-- updateDiagHessianInput / accDiagHessianParameters / initDiagHessianParameters to Module,
-- Sequential, Criterion, MSECriterion and the weighted layers, and makes `parameters()` and
-- `getParameters()` return a third value: the diagonal-Hessian tensors.
nn.hessian = nn.hessian or {}
local hessian = nn.hessian

-- Exchange the tensors held in fields a[i] and b[i] of `module`, for every i.
local function swapFields(module, a, b)
   for i = 1, #a do
      module[a[i]], module[b[i]] = module[b[i]], module[a[i]]
   end
end

--[[ Accumulate into the fields named in `hw` the diagonal Hessian of the parameters whose
gradients live in the fields named in `gw`: an accGradParameters pass on the squared input
with `diagHessianOutput` as gradient, written into the Hessian tensors.
ARGS: module, input, diagHessianOutput, gw (list of gradient field names), hw (list of
Hessian field names, same length) ]]
function hessian.accDiagHessianParameters(module, input, diagHessianOutput, gw, hw)
   if #gw ~= #hw then
      error('nn.hessian.accDiagHessianParameters: ' .. #gw .. ' gradient fields but '
         .. #hw .. ' Hessian fields', 2)
   end
   module.inputSq = module.inputSq or input.new()
   module.inputSq:resizeAs(input)
   torch.cmul(module.inputSq, input, input)
   for i = 1, #gw do
      if module[hw[i]] == nil then
         module[hw[i]] = module[gw[i]].new():resizeAs(module[gw[i]])
      end
   end
   swapFields(module, gw, hw)
   local output = module.output
   module.output = output.new():resizeAs(output)
   module:forward(module.inputSq)
   module:accGradParameters(module.inputSq, diagHessianOutput, 1)
   swapFields(module, gw, hw)
   module.output = output
end

--[[ Set module.diagHessianInput: an updateGradInput pass with `diagHessianOutput` as gradient
and the parameters named in `w` replaced by their squares (kept in the fields named in `wsq`).
ARGS: module, input, diagHessianOutput, w (list of parameter field names), wsq (list of
field names for the squares, same length) ]]
function hessian.updateDiagHessianInput(module, input, diagHessianOutput, w, wsq)
   if #w ~= #wsq then
      error('nn.hessian.updateDiagHessianInput: ' .. #w .. ' weight fields but '
         .. #wsq .. ' square fields', 2)
   end
   module.diagHessianInput = module.diagHessianInput or input.new()
   module.diagHessianInput:resizeAs(input):zero()
   local gradInput = module.gradInput
   module.gradInput = module.diagHessianInput
   for i = 1, #w do
      local wval = module[w[i]]
      local sq = module[wsq[i]] or wval.new()
      sq:resizeAs(wval)
      torch.cmul(sq, wval, wval)
      module[wsq[i]] = sq
   end
   swapFields(module, w, wsq)
   module:updateGradInput(input, diagHessianOutput)
   swapFields(module, w, wsq)
   module.gradInput = gradInput
end

--[[ diagHessianInput of an element-wise module: the squared derivative times
diagHessianOutput. ARGS: module, input, diagHessianOutput ]]
function hessian.updateDiagHessianInputPointWise(module, input, diagHessianOutput)
   local ones = diagHessianOutput.new():resizeAs(diagHessianOutput):fill(1)
   hessian.updateDiagHessianInput(module, input, ones, {}, {})
   module.diagHessianInput:cmul(module.diagHessianInput)
   module.diagHessianInput:cmul(diagHessianOutput)
end

--[[ Create diagHessianInput and the Hessian tensors named in `hw`, shaped as the gradients
named in `gw`, where missing. ]]
function hessian.initDiagHessianParameters(module, gw, hw)
   module.diagHessianInput = module.diagHessianInput or module.gradInput.new()
   for i = 1, #gw do
      local grad = module[gw[i]]
      if grad then module[hw[i]] = module[hw[i]] or grad.new():resizeAs(grad) end
   end
end

local GRADS, HESSIANS = { 'gradWeight', 'gradBias' }, { 'diagHessianWeight', 'diagHessianBias' }

-- The three methods of a layer whose output is linear in its weight (and bias); `w` and
-- `wsq` name the parameters squared in the backward pass.
local function weightedLayer(class, w, wsq)
   if not class then return end
   function class:updateDiagHessianInput(input, diagHessianOutput)
      hessian.updateDiagHessianInput(self, input, diagHessianOutput, w, wsq)
      return self.diagHessianInput
   end
   function class:accDiagHessianParameters(input, diagHessianOutput)
      if self.gradBias then
         hessian.accDiagHessianParameters(self, input, diagHessianOutput, GRADS, HESSIANS)
      else
         hessian.accDiagHessianParameters(self, input, diagHessianOutput, { GRADS[1] },
            { HESSIANS[1] })
      end
   end
   function class:initDiagHessianParameters()
      hessian.initDiagHessianParameters(self, GRADS, HESSIANS)
   end
end

local function pointWise(class)
   if not class then return end
   function class:updateDiagHessianInput(input, diagHessianOutput)
      hessian.updateDiagHessianInputPointWise(self, input, diagHessianOutput)
      return self.diagHessianInput
   end
end

-- Append every element of `from` (a tensor or a nested list of tensors) to the list `to`.
local function appendAll(to, from)
   if torch.type(from) == 'table' then
      for i = 1, #from do appendAll(to, from[i]) end
   else
      to[#to + 1] = from
   end
end

--[[ Add the diagonal-Hessian methods to the nn classes (once; later calls do nothing). ]]
function hessian.enable()
   if hessian.enabled then return end
   hessian.enabled = true

   function nn.Module:updateDiagHessianInput(input, diagHessianOutput) -- luacheck: no unused args
      error(torch.typename(self) .. ':updateDiagHessianInput() is undefined', 2)
   end
   function nn.Module:accDiagHessianParameters(input, diagHessianOutput) end -- luacheck: ignore 212
   function nn.Module:initDiagHessianParameters() end

   function nn.Sequential:initDiagHessianParameters()
      for i = 1, #self.modules do self.modules[i]:initDiagHessianParameters() end
   end

   function nn.Sequential:updateDiagHessianInput(input, diagHessianOutput)
      local current = diagHessianOutput
      for i = #self.modules, 1, -1 do
         local x = i > 1 and self.modules[i - 1].output or input
         current = self.modules[i]:updateDiagHessianInput(x, current)
      end
      self.diagHessianInput = current
      return current
   end

   function nn.Sequential:accDiagHessianParameters(input, diagHessianOutput)
      local current = diagHessianOutput
      for i = #self.modules, 1, -1 do
         local m = self.modules[i]
         m:accDiagHessianParameters(i > 1 and self.modules[i - 1].output or input, current)
         current = m.diagHessianInput
      end
   end

   function nn.Criterion:updateDiagHessianInput(input, diagHessianOutput) -- luacheck: ignore 212
      error(torch.typename(self) .. ':updateDiagHessianInput() is undefined', 2)
   end

   -- The second derivative of the squared error is 2 (over the element count when averaging).
   local function squaredError(self, input, target) -- luacheck: ignore 212
      self.diagHessianInput = self.diagHessianInput or input.new()
      local value = self.sizeAverage and 2 / input:nElement() or 2
      self.diagHessianInput:resizeAs(input):fill(value)
      return self.diagHessianInput
   end
   nn.MSECriterion.updateDiagHessianInput = squaredError
   if nn.WeightedMSECriterion then nn.WeightedMSECriterion.updateDiagHessianInput = squaredError end

   if nn.L1Cost then
      function nn.L1Cost:updateDiagHessianInput(input)
         self.diagHessianInput = self.diagHessianInput or input.new()
         self.diagHessianInput:resizeAs(input):fill(1)
         self.diagHessianInput[torch.eq(input, 0)] = 0
         return self.diagHessianInput
      end
   end

   for _, name in ipairs({ 'Linear', 'SpatialConvolution', 'SpatialConvolutionLocal',
                           'SpatialFullConvolution', 'SpatialFullConvolutionMap' }) do
      weightedLayer(nn[name], { 'weight' }, { 'weightSq' })
   end
   weightedLayer(nn.SpatialConvolutionMap, { 'weight', 'bias' }, { 'weightSq', 'biasSq' })

   for _, name in ipairs({ 'Tanh', 'Square', 'Sqrt' }) do pointWise(nn[name]) end

   if nn.TanhShrink then
      function nn.TanhShrink:updateDiagHessianInput(input, diagHessianOutput)
         hessian.updateDiagHessianInputPointWise(self.tanh, input, diagHessianOutput)
         self.diagHessianInput = self.diagHessianInput or input.new():resizeAs(input)
         torch.add(self.diagHessianInput, self.tanh.diagHessianInput, diagHessianOutput)
         return self.diagHessianInput
      end
   end

   function nn.Reshape:updateDiagHessianInput(input, diagHessianOutput)
      self.diagHessianInput = self.diagHessianInput or input.new()
      self.diagHessianInput:set(diagHessianOutput:contiguous()):resizeAs(input)
      return self.diagHessianInput
   end

   -- parameters() and getParameters() also give the diagonal-Hessian tensors.
   function nn.Module:parameters()
      if self.weight and self.bias then
         return { self.weight, self.bias }, { self.gradWeight, self.gradBias },
            { self.diagHessianWeight, self.diagHessianBias }
      elseif self.weight then
         return { self.weight }, { self.gradWeight }, { self.diagHessianWeight }
      elseif self.bias then
         return { self.bias }, { self.gradBias }, { self.diagHessianBias }
      end
   end

   local getParameters = nn.Module.getParameters
   function nn.Module:getParameters()
      local flatParameters, flatGradParameters = getParameters(self)
      local _, _, hessians = self:parameters()
      local flatHessians
      if hessians and hessians[1] then flatHessians = nn.Module.flatten(hessians) end
      return flatParameters, flatGradParameters, flatHessians
   end

   function nn.Sequential:parameters()
      local w, gw, hw = {}, {}, {}
      for i = 1, #self.modules do
         local mw, mgw, mhw = self.modules[i]:parameters()
         if mw then
            appendAll(w, mw)
            appendAll(gw, mgw)
            appendAll(hw, mhw)
         end
      end
      return w, gw, hw
   end
end

-- The checks of nn.Jacobian that compare the Hessian diagonal computed here with the one
-- obtained from first derivatives (exact for layers linear in input and parameters), for
-- the function F = sum(output^2) / 2, whose Hessian in the output is the identity.
local Jacobian = nn.Jacobian

--[[ Diagonal Hessian of F by updateDiagHessianInput / accDiagHessianParameters.
RETURN: the tensor in module[diagHessianParamName] ]]
function Jacobian.backwardDiagHessian(module, input, diagHessianParamName)
   module:forward(input)
   local ones = module.output.new():resizeAs(module.output):fill(1)
   if module.diagHessianWeight then module.diagHessianWeight:zero() end
   if module.diagHessianBias then module.diagHessianBias:zero() end
   module:updateDiagHessianInput(input, ones)
   module:accDiagHessianParameters(input, ones)
   return module[diagHessianParamName]
end

--[[ Diagonal Hessian of F for a module linear in input and parameters: the sum over outputs
of the squared first derivatives. RETURN: a 1-D tensor shaped as module[gradParamName] ]]
function Jacobian.linearModuleDiagHessian(module, input, gradParamName)
   local result
   module:forward(input)
   local gradOutput = module.output.new():resizeAs(module.output)
   local flat = gradOutput:view(gradOutput:nElement())
   for i = 1, flat:nElement() do
      flat:zero()
      flat[i] = 1
      module.gradWeight:zero()
      if module.bias then module.gradBias:zero() end
      module:updateGradInput(input, gradOutput)
      module:accGradParameters(input, gradOutput)
      local grad = module[gradParamName]
      result = result or grad.new():resize(grad:nElement()):zero()
      result:addcmul(grad, grad)
   end
   return result
end

--[[ Largest difference of the two Hessian-diagonal computations above, on an input filled
uniformly in [minval, maxval] (default [-2, 2]). RETURN: number ]]
function Jacobian.testDiagHessian(module, input, gradParamName, diagHessianParamName,
                                  minval, maxval)
   minval, maxval = minval or -2, maxval or 2
   input:copy(torch.rand(input:nElement()):mul(maxval - minval):add(minval))
   module:initDiagHessianParameters()
   local fromHessian = Jacobian.backwardDiagHessian(module, input, diagHessianParamName)
   local fromGradients = Jacobian.linearModuleDiagHessian(module, input, gradParamName)
   local flat = fromHessian:contiguous():view(fromHessian:nElement())
   return (flat - fromGradients):abs():max()
end

function Jacobian.testDiagHessianInput(module, input, minval, maxval)
   return Jacobian.testDiagHessian(module, input, 'gradInput', 'diagHessianInput',
      minval, maxval)
end

function Jacobian.testDiagHessianWeight(module, input, minval, maxval)
   return Jacobian.testDiagHessian(module, input, 'gradWeight', 'diagHessianWeight',
      minval, maxval)
end

function Jacobian.testDiagHessianBias(module, input, minval, maxval)
   return Jacobian.testDiagHessian(module, input, 'gradBias', 'diagHessianBias',
      minval, maxval)
end

return hessian
