local Linear, parent = torch.class('nn.Linear', 'nn.Module')
local S = nn._small

--[[ y = W x + b. ARGS: inputSize, outputSize (numbers), bias (boolean, default true) ]]
function Linear:__init(inputSize, outputSize, bias)
   parent.__init(self)
   if bias == nil then bias = true end
   self.weight = torch.Tensor(outputSize, inputSize)
   self.gradWeight = torch.Tensor(outputSize, inputSize)
   if bias then
      self.bias = torch.Tensor(outputSize)
      self.gradBias = torch.Tensor(outputSize)
   end
   self:reset()
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(inputSize), and a given stdv is multiplied by sqrt(3).
ARGS: stdv (number or nil) RETURN: self ]]
function Linear:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(2))
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

local function checkInput(self, input)
   local d = torch.isTensor(input) and input:dim()
   if d ~= 1 and d ~= 2 then
      error('nn.Linear: input must be a vector or a matrix', 3)
   end
   if input:size(d) ~= self.weight:size(2) then
      error(string.format('nn.Linear: size mismatch, input has %d features per sample, ' ..
         'expected %d', input:size(d), self.weight:size(2)), 3)
   end
end

function Linear:updateOutput(input)
   checkInput(self, input)
   if input:dim() == 1 then
      self.output:resize(self.weight:size(1))
   else
      self.output:resize(input:size(1), self.weight:size(1))
   end
   S.Linear_updateOutput(input, self.output, self.weight, self.bias)
   return self.output
end

function Linear:updateGradInput(input, gradOutput)
   if self.gradInput then
      checkInput(self, input)
      self.gradInput:resizeAs(input)
      S.Linear_updateGradInput(input, gradOutput, self.gradInput, self.weight)
      return self.gradInput
   end
end

function Linear:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   S.Linear_accGradParameters(input, gradOutput, self.gradWeight, self.gradBias, scale or 1)
end

--[[ updateGradInput then accGradParameters, as Module:backward, in one kernel call. A
subclass or an instance that replaces either method goes through Module:backward. ]]
function Linear:backward(input, gradOutput, scale)
   if not self.gradInput or self.updateGradInput ~= Linear.updateGradInput
         or self.accGradParameters ~= Linear.accGradParameters then
      return parent.backward(self, input, gradOutput, scale)
   end
   checkInput(self, input)
   self.gradInput:resizeAs(input)
   S.Linear_backward(input, gradOutput, self.gradInput, self.weight, self.gradWeight,
      self.gradBias, scale or 1)
   return self.gradInput
end

--[[ Remove the bias (and its gradient). RETURN: self ]]
function Linear:noBias()
   self.bias = nil
   self.gradBias = nil
   return self
end

function Linear:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self:defaultAccUpdateGradParameters(input, gradOutput, lr)
end

function Linear:clearState()
   if self.addBuffer then self.addBuffer:set() end
   return parent.clearState(self)
end

function Linear:__tostring__()
   return torch.type(self) .. string.format('(%d -> %d)', self.weight:size(2), self.weight:size(1))
      .. (self.bias == nil and ' without bias' or '')
end
