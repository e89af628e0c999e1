local LinearWeightNorm, parent = torch.class('nn.LinearWeightNorm', 'nn.Linear')
local K, np = torch._bridge.K, torch._np

--[[ nn.Linear whose weight is reparametrized per output row as weight = g * v / ||v||;
the parameters are v, g (outputSize x 1) and the bias. `weight`, `norm` and `scale`
(g / ||v||) are recomputed from them by every forward in training mode.
ARGS: inputSize, outputSize (numbers), bias (boolean, default true), eps (lower bound of
the norms, default 1e-16) ]]
function LinearWeightNorm:__init(inputSize, outputSize, bias, eps)
   nn.Module.__init(self)
   if bias == nil then bias = true end
   self.eps = eps or 1e-16
   self.outputSize = outputSize
   self.inputSize = inputSize
   self.v = torch.Tensor(outputSize, inputSize)
   self.gradV = torch.Tensor(outputSize, inputSize)
   self.weight = torch.Tensor(outputSize, inputSize)
   self.g = torch.Tensor(outputSize, 1)
   self.gradG = torch.Tensor(outputSize, 1)
   self.norm = torch.Tensor(outputSize, 1)
   self.scale = torch.Tensor(outputSize, 1)
   if bias then
      self.bias = torch.Tensor(outputSize)
      self.gradBias = torch.Tensor(outputSize)
   end
   self:reset()
end

--[[ Draw a weight (and bias) as nn.Linear does and set v and g from it.
ARGS: stdv (number or nil) RETURN: self ]]
function LinearWeightNorm:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.inputSize)
   self.weight:uniform(-stdv, stdv)
   self:initFromWeight()
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

--[[ Set v to `weight` and g to its row norms (at least eps).
ARGS: weight (outputSize x inputSize, default self.weight) RETURN: self ]]
function LinearWeightNorm:initFromWeight(weight)
   weight = weight or self.weight
   self.g:norm(weight, 2, 2):clamp(self.eps, math.huge)
   self.v:copy(weight)
   return self
end

--[[ A LinearWeightNorm with the same weight and bias as `linear`.
ARGS: linear (nn.Linear) RETURN: the new module ]]
function LinearWeightNorm.fromLinear(linear)
   local m = nn.LinearWeightNorm(linear.weight:size(2), linear.weight:size(1),
      torch.isTensor(linear.bias))
   m.weight:copy(linear.weight)
   m:initFromWeight()
   if linear.bias then m.bias:copy(linear.bias) end
   return m
end

--[[ An nn.Linear holding the current effective weight and bias. RETURN: the new module ]]
function LinearWeightNorm:toLinear()
   self:updateWeightMatrix()
   local m = nn.Linear(self.inputSize, self.outputSize, torch.isTensor(self.bias))
   m.weight:copy(self.weight)
   if self.bias then m.bias:copy(self.bias) end
   return m
end

function LinearWeightNorm:parameters()
   if self.bias then
      return { self.v, self.g, self.bias }, { self.gradV, self.gradG, self.gradBias }
   end
   return { self.v, self.g }, { self.gradV, self.gradG }
end

--[[ Recompute norm = max(||v_i||, eps), scale = g / norm and weight = scale * v. ]]
function LinearWeightNorm:updateWeightMatrix()
   if self.norm:dim() == 0 then self.norm:resizeAs(self.g) end
   if self.scale:dim() == 0 then self.scale:resizeAs(self.g) end
   if self.weight:dim() == 0 then self.weight:resizeAs(self.v) end
   self.norm:norm(self.v, 2, 2):clamp(self.eps, math.huge)
   self.scale:cdiv(self.g, self.norm)
   self.weight:cmul(self.v, self.scale:expandAs(self.v))
end

--[[ Switch to evaluation, freezing the current effective weight. ]]
function LinearWeightNorm:evaluate()
   if self.train ~= false then self:updateWeightMatrix() end
   parent.evaluate(self)
end

function LinearWeightNorm:updateOutput(input)
   if self.train ~= false then self:updateWeightMatrix() end
   return parent.updateOutput(self, input)
end

-- scale times the gradients of v and g for one call, into self._gradVBuffer and
-- self._gradGBuffer; the bias gradient is added straight into `biasInto`. Uses norm and
-- scale from the last forward:
--   dg = sum_j dW_ij v_ij / n_i,   dv = scale_i dW_ij - g_i dg_i v_ij / n_i^2.
local function paramGrads(self, input, gradOutput, biasInto, scale)
   local v = self.v
   self._gradVBuffer = self._gradVBuffer or v.new()
   self._gradGBuffer = self._gradGBuffer or v.new()
   self._buffer = self._buffer or v.new()
   local dv, dg, buf = self._gradVBuffer, self._gradGBuffer, self._buffer
   dv:resizeAs(v):zero()
   K.Linear_accGradParameters(np(input), np(gradOutput), np(dv), biasInto and np(biasInto),
      scale)
   local norm = self.norm:expandAs(v)
   dg:sum(buf:cmul(dv, v):cdiv(norm), 2)
   buf:cmul(v, self.scale:expandAs(v)):cdiv(norm):cmul(dg:expandAs(v))
   dv:cmul(self.scale:expandAs(v)):add(-1, buf)
   return dv, dg
end

function LinearWeightNorm:accGradParameters(input, gradOutput, scale)
   local d = input:dim()
   if d ~= 1 and d ~= 2 then
      error('nn.LinearWeightNorm: input must be a vector or a matrix', 2)
   end
   local dv, dg = paramGrads(self, input, gradOutput, self.bias and self.gradBias, scale or 1)
   self.gradV:add(dv)
   self.gradG:add(dg)
end

function LinearWeightNorm:defaultAccUpdateGradParameters(input, gradOutput, lr)
   local dv, dg = paramGrads(self, input, gradOutput, self.bias, -lr)
   self.v:add(dv)
   self.g:add(dg)
end

function LinearWeightNorm:clearState()
   nn.utils.clear(self, 'weight', 'norm', 'scale', '_gradVBuffer', '_gradGBuffer', '_buffer')
   return parent.clearState(self)
end

function LinearWeightNorm:__tostring__()
   return torch.type(self) .. string.format('(%d -> %d)', self.inputSize, self.outputSize)
      .. (self.bias == nil and ' without bias' or '')
end
