local Bilinear, parent = torch.class('nn.Bilinear', 'nn.Module')
local K, np = torch._bridge.K, torch._np

local function isint(x) return type(x) == 'number' and x == math.floor(x) end

--[[ {x1, x2} -> y with y_k = x1^T W_k x2 + b_k, for batches of row pairs.
ARGS: inputSize1, inputSize2, outputSize (positive integers), bias (boolean, default true) ]]
function Bilinear:__init(inputSize1, inputSize2, outputSize, bias)
   assert(inputSize1 and inputSize2 and outputSize,
      'nn.Bilinear: inputSize1, inputSize2 and outputSize are required')
   assert(isint(inputSize1) and isint(inputSize2) and isint(outputSize),
      'nn.Bilinear: inputSize1, inputSize2 and outputSize must be integers')
   assert(inputSize1 > 0 and inputSize2 > 0 and outputSize > 0,
      'nn.Bilinear: inputSize1, inputSize2 and outputSize must be positive')
   parent.__init(self)
   if bias == nil then bias = true end
   self.weight = torch.Tensor(outputSize, inputSize1, inputSize2)
   self.gradWeight = torch.Tensor(outputSize, inputSize1, inputSize2)
   if bias then
      self.bias = torch.Tensor(outputSize)
      self.gradBias = torch.Tensor(outputSize)
   end
   self.gradInput = { torch.Tensor(), torch.Tensor() }
   self:reset()
end

--[[ Draw weight, then bias, uniformly from [-stdv, stdv]; stdv defaults to
1/sqrt(inputSize1), a given stdv is multiplied by sqrt(3). ARGS: stdv (number > 0 or nil)
RETURN: self ]]
function Bilinear:reset(stdv)
   assert(not stdv or (type(stdv) == 'number' and stdv > 0),
      'nn.Bilinear: stdv must be positive')
   stdv = nn.utils.uniformBound(stdv, self.weight:size(2))
   self.weight:uniform(-stdv, stdv)
   if self.bias then self.bias:uniform(-stdv, stdv) end
   return self
end

function Bilinear:__assertInput(input)
   local ok = torch.type(input) == 'table' and #input == 2 and input[1]:nDimension() == 2
      and input[2]:nDimension() == 2 and input[1]:size(1) == input[2]:size(1)
      and input[1]:size(2) == self.weight:size(2) and input[2]:size(2) == self.weight:size(3)
   if not ok then
      error(string.format('nn.Bilinear: input must be a table of two matrices with the same '
         .. 'number of rows and %d and %d columns', self.weight:size(2), self.weight:size(3)), 3)
   end
end

function Bilinear:__assertInputGradOutput(input, gradOutput)
   if input[1]:size(1) ~= gradOutput:size(1) or gradOutput:size(2) ~= self.weight:size(1) then
      error('nn.Bilinear: gradOutput does not match the input and the output size', 3)
   end
end

function Bilinear:updateOutput(input)
   self:__assertInput(input)
   self.output:resize(input[1]:size(1), self.weight:size(1))
   K.Bilinear_updateOutput(np(input[1]), np(input[2]), np(self.output), np(self.weight),
      self.bias and np(self.bias))
   return self.output
end

function Bilinear:updateGradInput(input, gradOutput)
   if self.gradInput then
      self:__assertInput(input)
      self:__assertInputGradOutput(input, gradOutput)
      for i = 1, 2 do
         self.gradInput[i] = self.gradInput[i] or input[1].new()
         self.gradInput[i]:resizeAs(input[i])
      end
      K.Bilinear_updateGradInput(np(input[1]), np(input[2]), np(gradOutput),
         np(self.gradInput[1]), np(self.gradInput[2]), np(self.weight))
      return self.gradInput
   end
end

function Bilinear:accGradParameters(input, gradOutput, scale)
   self:__assertInput(input)
   self:__assertInputGradOutput(input, gradOutput)
   K.Bilinear_accGradParameters(np(input[1]), np(input[2]), np(gradOutput),
      np(self.gradWeight), self.bias and np(self.gradBias), scale or 1)
end

function Bilinear:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self:defaultAccUpdateGradParameters(input, gradOutput, lr)
end

function Bilinear:__tostring__()
   return torch.type(self) .. string.format('(%dx%d -> %d) %s', self.weight:size(2),
      self.weight:size(3), self.weight:size(1), self.bias == nil and ' without bias' or '')
end

function Bilinear:clearState()
   if self.buff2 then self.buff2:set() end
   if self.buff1 then self.buff1:set() end
   return parent.clearState(self)
end
