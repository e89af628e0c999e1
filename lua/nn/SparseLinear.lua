local SparseLinear, parent = torch.class('nn.SparseLinear', 'nn.Module')
local K, np = torch._bridge.K, torch._np

-- sparseUpdate states: the gradient holds nothing yet, exactly one input's worth (so the
-- parameter update and the zeroing may touch only that input's columns), or more.
local NO_LAST_INPUT, ONE_LAST_INPUT, ACC_MULTIPLE_TIMES = 0, 1, 2

--[[ A linear layer over sparse input. One sample is an nnz x 2 tensor of {index, value}
rows; a batch is a table of them (giving a batch x outputSize output) or, in the legacy
layout, a batch x nnz x 2 tensor. gradInput is only computed with doGradInput, and is
then dense ({index, value} rows over all inputSize features).
ARGS: inputSize, outputSize (numbers), doGradInput (boolean, default false) ]]
function SparseLinear:__init(inputSize, outputSize, doGradInput)
   parent.__init(self)
   self.weightDecay = 0
   self.doGradInput = doGradInput or false
   if type(self.doGradInput) ~= 'boolean' then
      error('nn.SparseLinear: doGradInput must be a boolean')
   end
   self.weight = torch.Tensor(outputSize, inputSize):zero()
   self.bias = torch.Tensor(outputSize):zero()
   self.gradWeight = torch.Tensor(outputSize, inputSize):zero()
   self.gradBias = torch.Tensor(outputSize):zero()
   self.lastInput = nil
   self.sparseUpdate = NO_LAST_INPUT
   self.formatted_input = nil
   self.gradInput = {}
   self.output:resize(outputSize)
   self:reset()
end

--[[ weight uniform in [-stdv, stdv] (stdv defaults to 1/sqrt(inputSize), a given one is
multiplied by sqrt(3)); bias the same, times 1e-6. ARGS: stdv (number or nil) ]]
function SparseLinear:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(2))
   self.weight:uniform(-stdv, stdv)
   self.bias:uniform(-stdv, stdv):mul(0.000001)
end

--[[ RETURN: the input as a table of samples (or the legacy tensor), batchMode, legacyMode ]]
function SparseLinear:reshapeInput(input)
   if torch.type(input) == 'table' then return input, true, false end
   if not torch.isTensor(input) or (input:dim() ~= 2 and input:dim() ~= 3) then
      error('nn.SparseLinear: input must be an nnz x 2 tensor, a table of them or a '
         .. 'batch x nnz x 2 tensor', 3)
   end
   if input:dim() == 2 then return { input }, false, false end
   return input, true, true
end

-- Gather the samples into formatted_input, one {sample, index, value} row per entry.
local function formatInput(self, input)
   local size = 0
   for i, v in ipairs(input) do
      if not torch.isTensor(v) or v:dim() ~= 2 or v:size(2) ~= 2 then
         error('nn.SparseLinear: sample ' .. i .. ' must be an nnz x 2 tensor of '
            .. '{index, value} rows', 3)
      end
      size = size + v:size(1)
   end
   self.formatted_input = self.formatted_input or input[1].new()
   self.formatted_input:resize(size, 3)
   local marker = 1
   for i, v in ipairs(input) do
      if v:size(1) > 0 then
         local buf = self.formatted_input:narrow(1, marker, v:size(1))
         buf:narrow(2, 2, 2):copy(v)
         buf:select(2, 1):fill(i)
         marker = marker + v:size(1)
      end
   end
end

function SparseLinear:updateOutput(input)
   if self.sparseUpdate == ONE_LAST_INPUT then self.sparseUpdate = ACC_MULTIPLE_TIMES end
   local batchMode, legacyMode
   input, batchMode, legacyMode = self:reshapeInput(input)
   self.legacyMode = legacyMode
   if legacyMode then
      self.output:resize(input:size(1), self.weight:size(1))
      K.SparseLinear_legacyUpdateOutput(np(input), np(self.output), np(self.weight),
         np(self.bias))
      return self.output
   end
   if #input == 0 then
      self.output:resizeAs(self.bias):copy(self.bias)
      return self.output
   end
   formatInput(self, input)
   self.output:resize(#input, self.weight:size(1))
   K.SparseLinear_updateOutput(np(self.formatted_input), np(self.output), np(self.weight),
      np(self.bias))
   if not batchMode then self.output = self.output[1] end
   return self.output
end

function SparseLinear:updateGradInput(input, gradOutput)
   if self.legacyMode then
      if torch.type(self.gradInput) ~= torch.type(gradOutput) then
         self.gradInput = gradOutput.new()
      end
      self.gradInput:resizeAs(input):zero()
   else
      self.gradInput = {}
   end
   if not self.doGradInput then return self.gradInput end
   local nIn = self.weight:size(2)
   local batch = gradOutput:dim() == 1 and 1 or gradOutput:size(1)
   local gi = self.legacyMode and self.gradInput or gradOutput.new()
   gi:resize(batch, nIn, 2)
   K.SparseLinear_updateGradInput(np(gradOutput), np(self.weight), np(gi))
   if not self.legacyMode then
      for i = 1, batch do self.gradInput[i] = gi[i] end
   end
   return self.gradInput
end

function SparseLinear:accGradParameters(input, gradOutput, scale)
   local _, legacyMode
   input, _, legacyMode = self:reshapeInput(input)
   self.legacyMode = legacyMode
   if not legacyMode and not self.formatted_input then formatInput(self, input) end
   self.lastInput = self.lastInput or gradOutput.new()
   if self.sparseUpdate == NO_LAST_INPUT then
      local v = legacyMode and input or self.formatted_input
      self.lastInput:resize(v:size()):copy(v)
      self.sparseUpdate = ONE_LAST_INPUT
   elseif self.sparseUpdate == ONE_LAST_INPUT then
      self.sparseUpdate = ACC_MULTIPLE_TIMES
   end
   local kernel = legacyMode and K.SparseLinear_legacyAccGradParameters
      or K.SparseLinear_accGradParameters
   kernel(np(legacyMode and input or self.formatted_input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), np(self.weight), np(self.bias), self.weightDecay or 0, scale or 1)
end

--[[ weight -= learningRate * gradWeight, touching only the columns of the last input when
the gradient holds exactly that input's contribution. ARGS: learningRate (number) ]]
function SparseLinear:updateParameters(learningRate)
   if self.lastInput and self.sparseUpdate == ONE_LAST_INPUT then
      local kernel = self.legacyMode and K.SparseLinear_legacyUpdateParameters
         or K.SparseLinear_updateParameters
      kernel(np(self.weight), np(self.bias), np(self.gradWeight), np(self.gradBias),
         np(self.lastInput), learningRate)
   else
      parent.updateParameters(self, learningRate)
   end
end

--[[ Zero the gradients (only the last input's columns when that is all they hold). ]]
function SparseLinear:zeroGradParameters()
   if self.lastInput and self.sparseUpdate == ONE_LAST_INPUT then
      local kernel = self.legacyMode and K.SparseLinear_legacyZeroGradParameters
         or K.SparseLinear_zeroGradParameters
      kernel(np(self.gradWeight), np(self.gradBias), np(self.lastInput))
   else
      parent.zeroGradParameters(self)
   end
   self.sparseUpdate = NO_LAST_INPUT
end

function SparseLinear:clearState()
   if self.lastInput then self.lastInput:set() end
   -- with no last input to go by, the next update and zeroing must be dense
   if self.sparseUpdate == ONE_LAST_INPUT then self.sparseUpdate = ACC_MULTIPLE_TIMES end
   self.formatted_input = nil
   return parent.clearState(self)
end
