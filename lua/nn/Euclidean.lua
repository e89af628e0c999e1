local Euclidean, parent = torch.class('nn.Euclidean', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y_j = || w_j - x ||, the distances of the input to outputSize learnt templates (the
columns of weight). ARGS: inputSize, outputSize (numbers) ]]
function Euclidean:__init(inputSize, outputSize)
   parent.__init(self)
   self.weight = torch.Tensor(inputSize, outputSize)
   self.gradWeight = torch.Tensor(inputSize, outputSize)
   self.gradInput:resize(inputSize)
   self.output:resize(outputSize)
   self.fastBackward = true
   self:reset()
end

--[[ Draw the weight uniformly from [-stdv, stdv]; stdv defaults to 1/sqrt(inputSize), a
given stdv is multiplied by sqrt(3); with nn.oldSeed set the columns are drawn one by one.
ARGS: stdv (number or nil) ]]
function Euclidean:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(1))
   if nn.oldSeed then
      -- The draw order of old Torch7 releases: column by column.
      for i = 1, self.weight:size(2) do
         self.weight:select(2, i):apply(function() return torch.uniform(-stdv, stdv) end)
      end
   else
      self.weight:uniform(-stdv, stdv)
   end
end

-- Check the input and return the output size for it.
function Euclidean:_checkInput(input)
   local d = input:dim()
   if (d ~= 1 and d ~= 2) or input:size(d) ~= self.weight:size(1) then
      error(string.format('%s: expected a vector or matrix of %d features', torch.type(self),
         self.weight:size(1)), 3)
   end
   if d == 1 then return self.weight:size(2) end
   return input:size(1), self.weight:size(2)
end

function Euclidean:updateOutput(input)
   self.output:resize(self:_checkInput(input))
   K.Euclidean_updateOutput(np(input), np(self.output), np(self.weight),
      self.diagCov and np(self.diagCov))
   return self.output
end

function Euclidean:updateGradInput(input, gradOutput)
   if not self.gradInput then return end
   self:_checkInput(input)
   if not self.fastBackward then self:updateOutput(input) end
   self.gradInput:resizeAs(input)
   K.Euclidean_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.weight),
      np(self.output), self.diagCov and np(self.diagCov))
   return self.gradInput
end

function Euclidean:accGradParameters(input, gradOutput, scale)
   self:_checkInput(input)
   K.Euclidean_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.weight), np(self.output), scale or 1)
end

function Euclidean:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

function Euclidean:clearState()
   nn.utils.clear(self, { '_input', '_output', '_gradOutput', '_weight', '_div', '_sum',
      '_expand', '_expand2', '_expand3', '_repeat', '_repeat2' })
   return parent.clearState(self)
end
