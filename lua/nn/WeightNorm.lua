local WeightNorm, parent = torch.class('nn.WeightNorm', 'nn.Decorator')

-- Added to the squared norm of each row of v, as Torch7 does.
local EPS = 1e-4

--[[ Reparametrize the weight of `module` as w = g * v / ||v||, one length g and one direction
v per output. ARGS: module (with a weight), outputDim (the weight's output dimension,
default 1; the other dimensions are flattened into one) ]]
function WeightNorm:__init(module, outputDim)
   if not (module and module.weight) then
      error('nn.WeightNorm: the wrapped module must have a weight', 2)
   end
   parent.__init(self, module)
   if module.bias then
      self.bias, self.gradBias = module.bias, module.gradBias
   end
   self.weight, self.gradWeight = module.weight, module.gradWeight
   self.outputDim = outputDim or 1
   if self.outputDim < 1 or self.outputDim > self.weight:dim() then
      error('nn.WeightNorm: outputDim ' .. self.outputDim .. ' is not a dimension of the '
         .. self.weight:dim() .. 'D weight', 2)
   end
   local nOut = self.weight:size(self.outputDim)
   self.otherDims = self.weight:nElement() / nOut
   self.viewIn = torch.LongStorage({ nOut, self.otherDims })
   -- the weight's sizes with outputDim moved to the front
   self.viewOut = self.weight:size()
   self.weightSize = self.weight:size()
   for i = self.outputDim - 1, 1, -1 do
      self.viewOut[i], self.viewOut[i + 1] = self.viewOut[i + 1], self.viewOut[i]
   end
   self.v = torch.Tensor(nOut, self.otherDims)
   self.g = torch.Tensor(nOut)
   self._norm = torch.Tensor(nOut)
   self._scale = torch.Tensor(nOut)
   self.gradG = torch.Tensor(nOut):zero()
   self.gradV = torch.Tensor(self.viewIn):zero()
   self:resetInit()
end

--[[ The weight's layout (any tensor shaped like it) viewed with outputDim first. ]]
function WeightNorm:permuteIn(t)
   for i = self.outputDim - 1, 1, -1 do t = t:transpose(i, i + 1) end
   return t
end

--[[ The inverse of permuteIn: a tensor shaped like viewOut in the weight's layout. ]]
function WeightNorm:permuteOut(t)
   for i = 1, self.outputDim - 1 do t = t:transpose(i, i + 1) end
   return t
end

--[[ Draw v from N(0, 2 / fan-in), set g to the norms of its rows, zero the bias. ]]
function WeightNorm:resetInit()
   self.v:normal(0, math.sqrt(2 / self.viewIn[2]))
   self.g:norm(self.v, 2, 2)
   if self.bias then self.bias:zero() end
end

function WeightNorm:evaluate()
   if self.train ~= false then
      self:updateWeight()
      parent.evaluate(self)
   end
end

-- v's row norms (with EPS), g / norm, both as nOut x 1 columns.
function WeightNorm:_rowScale()
   local n = self.viewIn[1]
   self._norm:norm(self.v, 2, 2):pow(2):add(EPS):sqrt()
   self._scale:resize(n, 1):copy(self.g:view(n, 1)):cdiv(self._norm)
   return self._norm, self._scale
end

--[[ Recompute the wrapped module's weight, g * v / ||v||, from v and g. ]]
function WeightNorm:updateWeight()
   local _, scale = self:_rowScale()
   self._w = self._w or self.v.new()
   self._w:resize(self.viewIn):cmul(self.v, scale:expand(self.viewIn[1], self.viewIn[2]))
   self.weight:copy(self:permuteOut(self._w:view(self.viewOut)))
end

function WeightNorm:updateOutput(input)
   if self.train ~= false then self:updateWeight() end
   self.output:set(self.modules[1]:updateOutput(input))
   return self.output
end

function WeightNorm:updateGradInput(input, gradOutput)
   self.gradInput:set(self.modules[1]:updateGradInput(input, gradOutput))
   return self.gradInput
end

--[[ Add this call's gradients to gradV and gradG (and the wrapped module's gradBias); the
wrapped module's gradWeight is left holding gradV in the weight's layout. ]]
function WeightNorm:accGradParameters(input, gradOutput, scale)
   self.gradWeight:zero()  -- this call's dL/dw only; gradV holds the sum so far
   self.modules[1]:accGradParameters(input, gradOutput, scale or 1)
   local n, m = self.viewIn[1], self.viewIn[2]
   local norm, s = self:_rowScale()
   norm, s = norm:expand(n, m), s:expand(n, m)
   self._w = self._w or self.v.new()
   local dw = self._w:resize(self.viewOut):copy(self:permuteIn(self.gradWeight)):view(n, m)
   self._dg = self._dg or self.v.new()
   self._tmp = self._tmp or self.v.new()
   -- dL/dg = sum over a row of dL/dw * v / ||v||
   local dg = self._dg:sum(self._tmp:cmul(dw, self.v), 2):cdiv(self._norm)
   self.gradG:add(dg:view(n))
   -- dL/dv = g / ||v|| * dL/dw - g / ||v||^2 * dL/dg * v
   self._tmp:cmul(self.v, s):cdiv(norm):cmul(dg:expand(n, m))
   self.gradV:add(dw:cmul(s)):add(-1, self._tmp)
   self.gradWeight:copy(self:permuteOut(self.gradV:view(self.viewOut)))
end

function WeightNorm:zeroGradParameters()
   self.modules[1]:zeroGradParameters()
   self.gradV:zero()
   self.gradG:zero()
end

function WeightNorm:updateParameters(lr)
   self.modules[1]:updateParameters(lr)
   self.g:add(-lr, self.gradG:viewAs(self.g))
   self.v:add(-lr, self.gradV:viewAs(self.v))
end

--[[ RETURN: {v, g[, bias]}, {gradV, gradG[, gradBias]} ]]
function WeightNorm:parameters()
   if self.bias then
      return { self.v, self.g, self.bias }, { self.gradV, self.gradG, self.gradBias }
   end
   return { self.v, self.g }, { self.gradV, self.gradG }
end

-- weight and gradWeight are not saved: read() rebuilds them from v, g and gradV.
function WeightNorm:write(file)
   local inner = self.modules[1]
   local weight, gradWeight = inner.weight, inner.gradWeight
   self.weight, self.gradWeight, inner.weight, inner.gradWeight = nil, nil, nil, nil
   self.weightSize = self.weightSize or weight:size()
   parent.write(self, file)
   inner.weight, inner.gradWeight = weight, gradWeight
   self.weight, self.gradWeight = weight, gradWeight
end

function WeightNorm:read(file)
   parent.read(self, file)
   if not self.weight then
      local inner = self.modules[1]
      inner.weight = self.v.new(self.weightSize)
      inner.gradWeight = self.v.new(self.weightSize)
      self.weight, self.gradWeight = inner.weight, inner.gradWeight
      self:updateWeight()
      self.gradWeight:copy(self:permuteOut(self.gradV:view(self.viewOut)))
   end
end

function WeightNorm:clearState()
   self._w, self._dg, self._tmp = nil, nil, nil
   return parent.clearState(self)
end
