local WeightedEuclidean, parent = torch.class('nn.WeightedEuclidean', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ y_j = || c_j .* (w_j - x) ||: nn.Euclidean with a learnt diagonal scaling (diagCov) per
template. ARGS: inputSize, outputSize (numbers) ]]
function WeightedEuclidean:__init(inputSize, outputSize)
   parent.__init(self)
   self.weight = torch.Tensor(inputSize, outputSize)
   self.gradWeight = torch.Tensor(inputSize, outputSize)
   self.diagCov = torch.Tensor(inputSize, outputSize)
   self.gradDiagCov = torch.Tensor(inputSize, outputSize)
   self:reset()
end

--[[ Draw the weight uniformly from [-stdv, stdv] (stdv defaults to 1/sqrt(inputSize), a
given stdv is multiplied by sqrt(3)) and set diagCov to 1. ARGS: stdv (number or nil) ]]
function WeightedEuclidean:reset(stdv)
   stdv = nn.utils.uniformBound(stdv, self.weight:size(1))
   self.weight:uniform(-stdv, stdv)
   self.diagCov:fill(1)
end

-- The forward and input gradient are nn.Euclidean's, which read diagCov when it exists.
WeightedEuclidean._checkInput = nn.Euclidean._checkInput
WeightedEuclidean.updateOutput = nn.Euclidean.updateOutput
WeightedEuclidean.updateGradInput = nn.Euclidean.updateGradInput

function WeightedEuclidean:accGradParameters(input, gradOutput, scale)
   self:_checkInput(input)
   K.Euclidean_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.weight), np(self.output), scale or 1, np(self.diagCov), np(self.gradDiagCov))
end

function WeightedEuclidean:parameters()
   return { self.weight, self.diagCov }, { self.gradWeight, self.gradDiagCov }
end

function WeightedEuclidean:accUpdateGradParameters(input, gradOutput, lr)
   local gradWeight, gradDiagCov = self.gradWeight, self.gradDiagCov
   self.gradWeight, self.gradDiagCov = self.weight, self.diagCov
   self:accGradParameters(input, gradOutput, -lr)
   self.gradWeight, self.gradDiagCov = gradWeight, gradDiagCov
end

function WeightedEuclidean:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

WeightedEuclidean.clearState = nn.Euclidean.clearState
