local LookupTable, parent = torch.class('nn.LookupTable', 'nn.Module')
local K, np, S = torch._bridge.K, torch._np, nn._small

LookupTable.__version = 4

--[[ Embedding: indices (1..nIndex, a vector or a batch matrix) -> rows of weight
(nIndex x nOutput). Rows whose index equals paddingValue get no gradient; with maxNorm the
looked-up rows are first scaled down to norm maxNorm (normType-norm, default 2).
ARGS: nIndex, nOutput (numbers), paddingValue (default 0), maxNorm, normType (numbers or nil) ]]
function LookupTable:__init(nIndex, nOutput, paddingValue, maxNorm, normType)
   parent.__init(self)
   self.weight = torch.Tensor(nIndex, nOutput)
   self.gradWeight = torch.Tensor(nIndex, nOutput):zero()
   self.paddingValue = paddingValue or 0
   self.maxNorm = maxNorm or nil
   self.normType = normType or nil
   self:reset()
end

-- Fields that older files lack.
function LookupTable:backCompatibility()
   self._count = self._count or torch.IntTensor()
   self._input = self._input or torch.LongTensor()
   if not self.shouldScaleGradByFreq then self.shouldScaleGradByFreq = false end
end

--[[ Drop gradWeight (updates then go straight into weight). RETURN: self ]]
function LookupTable:accUpdateOnly()
   self.gradWeight = nil
   return self
end

--[[ ARGS: paddingValue (number) RETURN: self ]]
function LookupTable:setPadding(paddingValue)
   self.paddingValue = paddingValue
   return self
end

--[[ ARGS: maxNorm (number or nil) RETURN: self ]]
function LookupTable:setMaxNorm(maxNorm)
   self.maxNorm = maxNorm
   return self
end

--[[ ARGS: normType (number or nil) RETURN: self ]]
function LookupTable:setNormType(normType)
   self.normType = normType
   return self
end

--[[ Divide each row's gradient by how often its index occurs in the batch. RETURN: self ]]
function LookupTable:scaleGradByFreq()
   self.shouldScaleGradByFreq = true
   return self
end

--[[ Draw the weight from N(0, stdv^2). ARGS: stdv (number, default 1) ]]
function LookupTable:reset(stdv)
   stdv = stdv or 1
   self.weight:normal(0, stdv)
end

local function checkInput(input)
   if not torch.isTensor(input) or (input:dim() ~= 1 and input:dim() ~= 2) then
      error('nn.LookupTable: input must be a vector or matrix of indices', 3)
   end
end

--[[ `input` as a contiguous LongTensor: indices of another type (a DoubleTensor built with
torch.Tensor{...}, say) or layout are copied into `_input`, as Torch7 did.
ARGS: input (indices) RETURN: input or self._input ]]
function LookupTable:makeInputContiguous(input)
   if not input:isContiguous() or torch.type(input) ~= torch.type(self._input) then
      self.copiedInput = true
      self._input:resize(input:size()):copy(input)
      return self._input
   end
   self.copiedInput = false
   return input
end

function LookupTable:updateOutput(input)
   self:backCompatibility()
   checkInput(input)
   input = self:makeInputContiguous(input)
   self:renorm(input)
   if input:dim() == 1 then
      self.output:resize(input:size(1), self.weight:size(2))
   else
      self.output:resize(input:size(1), input:size(2), self.weight:size(2))
   end
   S.LookupTable_updateOutput(input, self.output, self.weight)
   return self.output
end

function LookupTable:updateGradInput(input, gradOutput) -- luacheck: no unused args
   if torch.type(self.gradInput) ~= torch.type(input) then self.gradInput = input.new() end
   if not self.gradInput:isSameSizeAs(input) then self.gradInput:resizeAs(input):zero() end
   return self.gradInput
end

function LookupTable:accGradParameters(input, gradOutput, scale)
   self:backCompatibility()
   checkInput(input)
   input = self:makeInputContiguous(input)
   local count = nil
   if self.shouldScaleGradByFreq then
      self._count:resize(self.gradWeight:size(1))
      count = self._count
   end
   S.LookupTable_accGradParameters(input, gradOutput, self.gradWeight, count,
      self.shouldScaleGradByFreq or false, self.paddingValue or 0, scale or 1)
end

--[[ Scale the rows referenced by `input` whose norm exceeds maxNorm down to maxNorm
(nothing without maxNorm). ARGS: input (indices) ]]
function LookupTable:renorm(input)
   if not self.maxNorm then return end
   self:backCompatibility()
   checkInput(input)
   input = self:makeInputContiguous(input)
   K.LookupTable_renorm(np(input), np(self.weight), self.maxNorm, self.normType or 2)
end

function LookupTable:type(typename, tensorCache)
   parent.type(self, typename, tensorCache)
   self._count = torch.IntTensor()
   self._input = torch.LongTensor()
   return self
end

function LookupTable:clearState()
   nn.utils.clear(self, '_count', '_input')
   return parent.clearState(self)
end

function LookupTable:sharedAccUpdateGradParameters(input, gradOutput, lr)
   self:defaultAccUpdateGradParameters(input, gradOutput, lr)
end
