local Cosine, parent = torch.class('nn.Cosine', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y_j = <w_j, x> / (||w_j|| ||x||): cosine similarity of the input with outputSize learnt
templates (the rows of weight). ARGS: inputSize, outputSize (numbers) ]]
function Cosine:__init(inputSize, outputSize)
   parent.__init(self)
   self.weight = torch.Tensor(outputSize, inputSize)
   self.gradWeight = torch.Tensor(outputSize, inputSize)
   self:reset()
end

--[[ Draw the weight uniformly from [-stdv, stdv]; stdv defaults to 1/sqrt(outputSize), a
given stdv is multiplied by sqrt(3). ARGS: stdv (number or nil) ]]
function Cosine:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(1))
   self.weight:uniform(-stdv, stdv)
end

local function checkInput(self, input)
   local d = input:dim()
   if (d ~= 1 and d ~= 2) or input:size(d) ~= self.weight:size(2) then
      error(string.format('nn.Cosine: expected a vector or matrix of %d features',
         self.weight:size(2)), 3)
   end
end

function Cosine:updateOutput(input)
   checkInput(self, input)
   if input:dim() == 1 then
      self.output:resize(self.weight:size(1))
   else
      self.output:resize(input:size(1), self.weight:size(1))
   end
   K.Cosine_updateOutput(np(input), np(self.output), np(self.weight))
   return self.output
end

function Cosine:updateGradInput(input, gradOutput)
   if not self.gradInput then return end
   checkInput(self, input)
   self.gradInput:resizeAs(input)
   K.Cosine_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.weight),
      np(self.output))
   return self.gradInput
end

function Cosine:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   K.Cosine_accGradParameters(np(input), np(gradOutput), np(self.gradWeight), np(self.weight),
      np(self.output), scale or 1)
end

function Cosine:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

function Cosine:clearState()
   nn.utils.clear(self, { '_input', '_weight', '_gradOutput', '_sum', '_inputNorm',
      '_weightNorm' })
   return parent.clearState(self)
end
