local BN, parent = torch.class('nn.BatchNormalization', 'nn.Module')
local K, np = torch._bridge.K, torch._np

-- Version 2 keeps running_var; version 1 files kept running_std (upgraded in read).
BN.__version = 2
-- Dimensions of a mini-batch input (N x nOutput); subclasses change it.
BN.nDim = 2

--[[ Normalize each feature over the mini-batch, then scale and shift it.
ARGS: nOutput (number of features), eps (default 1e-5), momentum (default 0.1),
affine (boolean, default true: learn weight and bias) ]]
function BN:__init(nOutput, eps, momentum, affine)
   parent.__init(self)
   if type(nOutput) ~= 'number' then
      error(torch.type(self) .. ': missing argument #1, the number of features', 2)
   end
   if nOutput == 0 then
      error(torch.type(self) .. ': nOutput must not be 0 (to drop weight and bias pass '
         .. 'affine = false as argument #4)', 2)
   end
   if affine ~= nil and type(affine) ~= 'boolean' then
      error(torch.type(self) .. ': affine must be true or false', 2)
   end
   self.affine = affine == nil and true or affine
   self.eps = eps or 1e-5
   self.train = true
   self.momentum = momentum or 0.1
   self.running_mean = torch.zeros(nOutput)
   self.running_var = torch.ones(nOutput)
   if self.affine then
      self.weight = torch.Tensor(nOutput)
      self.bias = torch.Tensor(nOutput)
      self.gradWeight = torch.Tensor(nOutput)
      self.gradBias = torch.Tensor(nOutput)
      self:reset()
   end
end

--[[ weight uniform in [0, 1), bias 0, running mean 0 and variance 1. ]]
function BN:reset()
   if self.weight then self.weight:uniform() end
   if self.bias then self.bias:zero() end
   self.running_mean:zero()
   self.running_var:fill(1)
end

--[[ Raise an error unless `input` is a mini-batch of nDim dimensions (or, when evaluating,
one sample of nDim - 1) with the right number of features. ]]
function BN:checkInputDim(input)
   local d = input:dim()
   if not (d == self.nDim or (d == self.nDim - 1 and self.train == false)) then
      error(string.format('%s: only mini-batch supported (%dD tensor), got %dD tensor instead',
         torch.type(self), self.nDim, d), 3)
   end
   local featDim = (d == self.nDim - 1) and 1 or 2
   if input:size(featDim) ~= self.running_mean:nElement() then
      error(string.format('%s: got %d-feature tensor, expected %d', torch.type(self),
         input:size(featDim), self.running_mean:nElement()), 3)
   end
end

-- One sample while evaluating is seen as a batch of one.
local function makeBatch(self, x)
   if self.train == false and x:dim() == self.nDim - 1 then
      local sizes = x:size():totable()
      table.insert(sizes, 1, 1)
      return x:view(unpack(sizes))
   end
   return x
end

local function optional(t) return t and np(t) end

function BN:updateOutput(input)
   self:checkInputDim(input)
   input = makeBatch(self, input)
   self.save_mean = self.save_mean or input.new()
   self.save_mean:resizeAs(self.running_mean)
   self.save_std = self.save_std or input.new()
   self.save_std:resizeAs(self.running_var)
   self.output:resizeAs(input)
   -- a batch of one leaves the running estimates alone and uses them
   K.BatchNormalization_updateOutput(np(input), np(self.output), optional(self.weight),
      optional(self.bias), np(self.running_mean), np(self.running_var), np(self.save_mean),
      np(self.save_std), (self.train and input:size(1) > 1) or false, self.momentum, self.eps)
   return self.output
end

local function backward(self, input, gradOutput, scale, gradInput, gradWeight, gradBias)
   self:checkInputDim(input)
   self:checkInputDim(gradOutput)
   if not (self.save_mean and self.save_std) then
      error(torch.type(self) .. ': must call updateOutput() first', 3)
   end
   input, gradOutput = makeBatch(self, input), makeBatch(self, gradOutput)
   if not input:isSameSizeAs(gradOutput) then
      error(torch.type(self) .. ': input and gradOutput sizes differ', 3)
   end
   if gradInput then gradInput:resizeAs(gradOutput) end
   K.BatchNormalization_backward(np(input), np(gradOutput), optional(gradInput),
      optional(gradWeight), optional(gradBias), optional(self.weight), np(self.running_mean),
      np(self.running_var), np(self.save_mean), np(self.save_std),
      (self.train and input:size(1) > 1) or false, scale or 1, self.eps)
   return self.gradInput
end

function BN:updateGradInput(input, gradOutput)
   return backward(self, input, gradOutput, 1, self.gradInput)
end

function BN:accGradParameters(input, gradOutput, scale)
   return backward(self, input, gradOutput, scale, nil, self.gradWeight, self.gradBias)
end

--[[ gradInput and the parameters' gradients in one pass. RETURN: self.gradInput ]]
function BN:backward(input, gradOutput, scale)
   return backward(self, input, gradOutput, scale, self.gradInput, self.gradWeight,
      self.gradBias)
end

--[[ Read the fields; version 1 files hold running_std = 1 / sqrt(var + eps), turned into
running_var here. ]]
function BN:read(file, version)
   parent.read(self, file)
   if version < 2 and self.running_std then
      self.running_var = self.running_std:pow(-2):add(-self.eps)
      self.running_std = nil
   end
end

function BN:clearState()
   -- the first five names are buffers of older versions, cleared in loaded files
   nn.utils.clear(self, { 'buffer', 'buffer2', 'centered', 'std', 'normalized', '_input',
      '_gradOutput', 'save_mean', 'save_std' })
   return parent.clearState(self)
end

function BN:__tostring__()
   return string.format('%s (%dD) (%d)', torch.type(self), self.nDim,
      self.running_mean:nElement())
end
