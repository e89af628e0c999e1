local Convert, parent = torch.class('nn.Convert', 'nn.Container')

--[[ Convert between data layouts named by axis letters ('b' batch, 'c' channels,
'h'/'w' height/width, 'f' features, 't' targets), e.g. nn.Convert('bchw', 'bf') or, for
single samples, nn.Convert('chw', 'f'); a shape without 'b' gets one in front. Inputs of
another tensor type are first copied to the type of `output`; nn.Convert() only does that.
The converting module is built on the first forward and kept as modules[1].
ARGS: inputShape (string, default 'b*'), outputShape (string, default inputShape) ]]
function Convert:__init(inputShape, outputShape)
   parent.__init(self)
   if outputShape and not inputShape then
      error('nn.Convert: an outputShape needs an inputShape', 2)
   end
   inputShape = inputShape or 'b*'
   outputShape = outputShape or inputShape
   self.inputShape = inputShape:find('b', 1, true) and inputShape or 'b' .. inputShape
   self.outputShape = outputShape:find('b', 1, true) and outputShape or 'b' .. outputShape
   self.inputBatchDim = self.inputShape:find('b', 1, true)
   self.outputBatchDim = self.outputShape:find('b', 1, true)
   if self.inputShape == 'b*' or self.outputShape == 'b*' then
      if self.inputShape ~= self.outputShape then
         error('nn.Convert: b* must be both the input and the output shape, or neither', 2)
      end
      self.nInputDim, self.nOutputDim = -1, -1
      self.transposition = true
   else
      self.nInputDim, self.nOutputDim = #self.inputShape, #self.outputShape
      if self.nInputDim == self.nOutputDim then
         -- same axes in another order?
         self.transposition = true
         for i = 1, self.nInputDim do
            if not self.outputShape:find(self.inputShape:sub(i, i), 1, true) then
               self.transposition = false
            end
         end
      end
   end
end

--[[ Build `converter` (and modules[1]) for a batch-mode input of the input shape. ]]
function Convert:buildConverter(input)
   if self.transposition then
      self.converter = self:transpose(self.outputShape)
   else
      local build = self[self.outputShape]
      if type(build) ~= 'function' then
         error(string.format('nn.Convert: no conversion from shape %s to %s', self.inputShape,
            self.outputShape), 3)
      end
      self.converter = build(self, input)
   end
   self.converter:type(torch.type(self.output))
   self.modules[1] = self.converter
end

-- The input as the converter sees it: copied to the output type, batch axis added.
local function converterInput(self, input)
   if not torch.isTypeOf(input, torch.type(self.output)) then input = self._input end
   if not self.batchMode then input = self.__input end
   return input
end

local function converterGradOutput(self, gradOutput)
   if self.batchMode then return gradOutput end
   self.__gradOutput = nn.utils.addSingletonDimension(self.__gradOutput or gradOutput.new(),
      gradOutput, self.outputBatchDim)
   return self.__gradOutput
end

function Convert:updateOutput(input)
   if not torch.isTensor(input) then error('nn.Convert: input must be a tensor', 2) end
   if not torch.isTypeOf(input, torch.type(self.output)) then
      self._input = self._input or self.output.new()
      self._input:resize(input:size()):copy(input)
      input = self._input
   end
   self.batchMode = input:dim() >= self.nInputDim
   if not self.batchMode then
      self.__input = nn.utils.addSingletonDimension(self.__input or input.new(), input,
         self.inputBatchDim)
      input = self.__input
   end
   if not self.converter then self:buildConverter(input) end
   local output = self:rethrowErrors(self.converter, 1, 'updateOutput', input)
   if not self.batchMode then
      self.__output = self.__output or output.new()
      output = self.__output:set(output:select(self.outputBatchDim, 1))
   end
   self.output = output
   return self.output
end

function Convert:updateGradInput(input, gradOutput)
   local gradInput = self:rethrowErrors(self.converter, 1, 'updateGradInput',
      converterInput(self, input), converterGradOutput(self, gradOutput))
   if not self.batchMode then
      self.__gradInput = self.__gradInput or gradInput.new()
      gradInput = self.__gradInput:set(gradInput:select(self.inputBatchDim, 1))
   end
   if not torch.isTypeOf(input, torch.type(gradInput)) then
      -- back to the caller's tensor type
      if torch.type(self._gradInput) ~= torch.type(input) then self._gradInput = input.new() end
      gradInput = self._gradInput:resize(gradInput:size()):copy(gradInput)
   end
   self.gradInput = gradInput
   return self.gradInput
end

function Convert:accGradParameters(input, gradOutput, scale)
   self:rethrowErrors(self.converter, 1, 'accGradParameters', converterInput(self, input),
      converterGradOutput(self, gradOutput), scale)
end

function Convert:accUpdateGradParameters(input, gradOutput, lr)
   self:rethrowErrors(self.converter, 1, 'accUpdateGradParameters',
      converterInput(self, input), converterGradOutput(self, gradOutput), lr)
end

--[[ Converter to 'bf': batch first, every other axis flattened into features. ]]
function Convert:bf(input)
   if self.inputShape == 'bt' then error('nn.Convert: cannot convert shape bt to bf', 3) end
   local nDim = #self.inputShape
   if nDim == 1 then return nn.Reshape(1) end
   local bPos = self:findAxis('b', self.inputShape)
   local m = bPos ~= 1 and nn.Transpose({ 1, bPos }) or nil
   if nDim > 2 then
      local reshape = nn.Reshape(input:select(bPos, 1):nElement())
      m = m and nn.Sequential():add(m):add(reshape) or reshape
   end
   return m or nn.Identity()
end

--[[ Converter to 'b', one number per sample: the first target of 'bt'/'tb', or the only
feature of 'bf'/'fb'. ]]
function Convert:b(input)
   local s = self.inputShape
   if s == 'bt' or s == 'tb' then return nn.Select(self:findAxis('t'), 1) end
   if s == 'bf' or s == 'fb' then
      local fPos = self:findAxis('f')
      if input:size(fPos) > 1 then
         error('nn.Convert: cannot convert shape ' .. s .. ' to b with more than one feature', 3)
      end
      return nn.Select(fPos, 1)
   end
   error('nn.Convert: cannot convert shape ' .. s .. ' to b', 3)
end

--[[ Converter that leaves the data as it is. ]]
function Convert:default()
   return nn.Identity()
end

--[[ Converter to 'bt' (one target column per sample), from 'b' only. ]]
function Convert:bt()
   if self.inputShape ~= 'b' then
      error("nn.Convert: cannot convert shape '" .. self.inputShape .. "' to bt", 3)
   end
   return nn.Reshape(1)
end

--[[ An nn.Transpose taking the input shape to `newShape`, the same letters reordered
(nn.Identity when nothing moves). ARGS: newShape (string) RETURN: the module ]]
function Convert:transpose(newShape)
   if newShape == self.inputShape then return nn.Identity() end
   local axes = {}
   for i = 1, #self.inputShape do axes[i] = self.inputShape:sub(i, i) end
   local swaps = {}
   for i = 1, #newShape do
      local j = i
      while axes[j] and axes[j] ~= newShape:sub(i, i) do j = j + 1 end
      if not axes[j] then
         error(string.format("nn.Convert: shape '%s' has no axis '%s'", self.inputShape,
            newShape:sub(i, i)), 2)
      end
      if j ~= i then
         axes[i], axes[j] = axes[j], axes[i]
         swaps[#swaps + 1] = { j, i }
      end
   end
   return nn.Transpose(unpack(swaps))
end

--[[ Position of axis letter `axis` in `shape` (default the input shape); an error when
absent unless `silent`. RETURN: the position or nil ]]
function Convert:findAxis(axis, shape, silent)
   shape = shape or self.inputShape
   local pos = shape:find(axis, 1, true)
   if not pos and not silent then
      error(string.format("nn.Convert: shape '%s' has no axis '%s'", shape, axis), 2)
   end
   return pos
end

function Convert:clearState()
   self._input, self._gradInput = nil, nil
   self.__input, self.__output, self.__gradInput, self.__gradOutput = nil, nil, nil, nil
   return parent.clearState(self)
end

function Convert:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end
