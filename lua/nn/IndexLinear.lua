local IndexLinear, parent = torch.class('nn.IndexLinear', 'nn.Module')
local K, np = torch._bridge.K, torch._np
local sparse = torch.include('nn', 'utils_sparse.lua')

--[[ A linear layer over sparse {keys, values} input with a feature-major weight
(inputSize x outputSize). Input is {keys, values} for one sample, {{keys...}, {values...}}
for a batch, or {keys, values, sizes} for a flat batch. Gradients of the weight are kept
per input entry (in `running`) and applied by updateParameters. With normalize each weight
row gets 4 leading columns (max |value|, its inverse, an update scale, a feature bias) and
values are max-normalized. ARGS: inputSize, outputSize (numbers), doGradInput (boolean),
keysOffset (key k names weight row k + keysOffset; default 0, 1-based keys; 1 for 0-based
keys), weight, bias (tensors to share, optional), normalize (boolean) ]]
function IndexLinear:__init(inputSize, outputSize, doGradInput, keysOffset, weight, bias,
                            normalize)
   parent.__init(self)
   self.normalize = normalize and 4 or 0
   self.weight = weight or torch.Tensor(inputSize, outputSize + self.normalize):zero()
   self.bias = bias or torch.Tensor(outputSize):zero()
   self.inputSize = self.weight:size(1)
   self.outputSize = self.weight:size(2) - self.normalize
   self.gradWeight = torch.Tensor()
   self.gradBias = torch.Tensor(self.outputSize):zero()
   self.gradWeightBuffer = torch.Tensor()
   self.valuesBuffer = torch.Tensor()
   self.normalizedValues = torch.Tensor()
   -- keys and gradient rows of every accGradParameters since the last zeroGradParameters
   self.running = { cumSumSizes = {}, keys = {}, gradWeight = {}, counter = 1 }
   self.sizesCache = {}
   self.cumSumSizesCache = {}
   self.weightDecay = 0
   self.doGradInput = doGradInput or false
   self.offset = keysOffset and keysOffset - 1 or -1
end

--[[ weight uniform in [-stdv, stdv] (stdv defaults to 1/sqrt(weight:size(2)), a given one
is multiplied by sqrt(3)), bias the same times 1e-6; the normalization columns are zeroed.
ARGS: stdv (number or nil) ]]
function IndexLinear:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(2))
   self.weight:uniform(-stdv, stdv)
   self.bias:uniform(-stdv, stdv):mul(0.000001)
   if self.normalize and self.normalize > 0 then
      self.weight:narrow(2, 1, self.normalize):zero()
   end
end

--[[ Check the input layout (see nn.IndexLinear) and set isFlat and noBatch.
RETURN: keys, values (tables of 1-D tensors), or flat keys, values, sizes ]]
function IndexLinear:reshapeInput(input)
   local keys, values, sizes, isFlat, noBatch = sparse.indexInput(input)
   self.isFlat, self.noBatch = isFlat, noBatch
   return keys, values, sizes
end

--[[ Gather the input into self.keys (this accumulation's running keys), self.values,
self.sizes and self.cumSumSizes. ]]
function IndexLinear:flattenInputs(input)
   local lkeys, lvalues, sizes = self:reshapeInput(input)
   local counter = self.running.counter
   self.running.keys[counter] = self.running.keys[counter] or torch.LongTensor()
   self.keys = self.running.keys[counter]
   if self.isFlat then
      self.values = self.values or lvalues.new()
      self.keys:resize(lkeys:size()):copy(lkeys)
      self.values:resize(lvalues:size()):copy(lvalues)
      self.sizes = sizes:long()
   else
      self.values = self.values or lvalues[1].new()
      self.lkeys, self.lvalues = lkeys, lvalues
      self.sizesCache[1] = self.sizesCache[1] or torch.LongTensor()
      self.sizes = self.sizesCache[1]
      sparse.concatSamples(lkeys, lvalues, self.keys, self.values, self.sizes)
   end
   self.cumSumSizesCache[1] = self.cumSumSizesCache[1] or torch.LongTensor()
   self.cumSumSizes = self.cumSumSizesCache[1]
   self.cumSumSizes:resize(self.sizes:nElement())
   if self.sizes:nElement() > 0 then self.cumSumSizes:cumsum(self.sizes) end
   self.running.cumSumSizes[counter] = self.cumSumSizes:clone()
end

function IndexLinear:updateOutput(input)
   self:flattenInputs(input)
   if self.normalize > 0 then self.normalizedValues:resize(self.keys:size(1)) end
   self.output:resize(self.sizes:nElement(), self.outputSize)
   K.IndexLinear_updateOutput(np(self.keys), self.offset, np(self.values), np(self.sizes),
      np(self.cumSumSizes), np(self.output), np(self.weight), np(self.bias),
      np(self.normalizedValues), self.train and true or false)
   if self.noBatch then self.output:resize(self.outputSize) end
   return self.output
end

function IndexLinear:updateGradInput(input, gradOutput) -- luacheck: no unused args
   self.gradInput = {}
   if self.doGradInput and self.normalize > 0 then
      error('nn.IndexLinear: updateGradInput is not implemented in max-normalize mode')
   end
   if not self.doGradInput then return self.gradInput end
   local nIn = self.weight:size(1)
   local go = gradOutput:dim() == 1 and gradOutput:view(1, gradOutput:size(1)) or gradOutput
   local gi = gradOutput.new(go:size(1), nIn):mm(go, self.weight:t())
   local indices = torch.LongTensor(nIn):range(1, nIn)
   if self.isFlat then
      self.gradInput[1] = torch.repeatTensor(indices, gi:size(1), 1)
      self.gradInput[2] = gi
   else
      self.gradInput[1], self.gradInput[2] = {}, {}
      for i = 1, gi:size(1) do
         self.gradInput[1][i] = indices:clone()
         self.gradInput[2][i] = gi[i]:clone()
      end
   end
   if self.noBatch then
      self.gradInput = { self.gradInput[1][1], self.gradInput[2][1] }
   end
   return self.gradInput
end

function IndexLinear:accGradParameters(input, gradOutput, scale) -- luacheck: no unused args
   local counter = self.running.counter
   local gw = self.running.gradWeight[counter] or self.values.new()
   self.running.gradWeight[counter] = gw
   gw:resize(self.keys:size(1), self.outputSize * (self.normalize > 0 and 2 or 1))
   K.IndexLinear_accGradParameters(np(self.keys), self.offset,
      np(self.normalize > 0 and self.normalizedValues or self.values), np(self.sizes),
      np(self.cumSumSizes), np(gradOutput), np(gw), np(self.gradBias), np(self.weight),
      np(self.bias), np(self.valuesBuffer), self.weightDecay or 0, scale or 1)
   self.running.counter = counter + 1
end

function IndexLinear:accUpdateGradParameters(input, gradOutput, scale) -- luacheck: no unused
   K.IndexLinear_accUpdateGradParameters(np(self.keys), self.offset,
      np(self.normalize > 0 and self.normalizedValues or self.values), np(self.sizes),
      np(self.cumSumSizes), np(gradOutput), np(self.weight), np(self.bias),
      self.weightDecay or 0, scale or 1)
end

--[[ Apply the gradients accumulated since zeroGradParameters, row by row.
ARGS: lr (number) ]]
function IndexLinear:updateParameters(lr)
   local counter = self.running.counter
   if counter <= 1 then return end
   if not lr then error('nn.IndexLinear: you must specify a learning rate') end
   if counter == 2 then
      self.updateKeys = self.running.keys[1]
      self.gradWeight = self.running.gradWeight[1]
   else
      local lkeys, lgrads = {}, {}
      for i = 1, counter - 1 do
         lkeys[i] = self.running.keys[i]
         lgrads[i] = self.running.gradWeight[i]
      end
      self.updateKeysBuffer = self.updateKeysBuffer or torch.LongTensor()
      self.updateKeysBuffer:cat(lkeys, 1)
      self.gradWeightBuffer:cat(lgrads, 1)
      self.gradWeight = self.gradWeightBuffer
      self.updateKeys = self.updateKeysBuffer
   end
   K.IndexLinear_updateParameters(np(self.gradWeight), np(self.gradBias), np(self.weight),
      np(self.bias), np(self.updateKeys), np(self.cumSumSizes), self.offset,
      self.weightDecay or 0, lr)
end

--[[ Zero gradBias and forget the accumulated gradient rows. ]]
function IndexLinear:zeroGradParameters()
   self.gradBias:zero()
   self.running.counter = 1
end

--[[ RETURN: {weight, bias}, {running, gradBias} (the weight gradient lives in running) ]]
function IndexLinear:parameters()
   return { self.weight, self.bias }, { self.running, self.gradBias }
end

function IndexLinear:clearState()
   self.running.keys = {}
   self.running.gradWeight = {}
   self.running.cumSumSizes = {}
   self.running.counter = 1
   self.keys, self.zerokeys, self.updateKeys, self.values, self.sizes = nil, nil, nil, nil, nil
   self.lkeys, self.lvalues = {}, {}
   self.gradWeightBuffer = self.gradWeightBuffer.new()
   self.valuesBuffer = self.valuesBuffer.new()
   self.updateKeysBuffer = nil
   return parent.clearState(self)
end
