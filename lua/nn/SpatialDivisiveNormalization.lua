local SDN, parent = torch.class('nn.SpatialDivisiveNormalization', 'nn.Module')

--[[ Divide every pixel by the weighted standard deviation of its neighbourhood over all
planes (rescaled at the borders as nn.SpatialSubtractiveNormalization does), where that
deviation is below `threshold` divide by `thresval` instead.
ARGS: nInputPlane (default 1), kernel (2-D or 1-D, odd sizes, default 9x9 ones; normalized
in place), threshold (default 1e-4), thresval (default threshold) ]]
function SDN:__init(nInputPlane, kernel, threshold, thresval)
   parent.__init(self)
   self.nInputPlane = nInputPlane or 1
   self.kernel = kernel or torch.Tensor(9, 9):fill(1)
   self.threshold = threshold or 1e-4
   self.thresval = thresval or threshold or 1e-4
   local kdim = self.kernel:nDimension()
   if kdim ~= 2 and kdim ~= 1 then
      error('nn.SpatialDivisiveNormalization: averaging kernel must be 2D or 1D', 2)
   end
   if self.kernel:size(1) % 2 == 0 or (kdim == 2 and self.kernel:size(2) % 2 == 0) then
      error('nn.SpatialDivisiveNormalization: averaging kernel must have ODD dimensions', 2)
   end
   local SSN = nn.SpatialSubtractiveNormalization
   local meanConvs, stdConvs
   local name = torch.type(self)
   self.meanestimator, meanConvs = SSN._estimator(self.nInputPlane, self.kernel, false, name)
   self.stdestimator, stdConvs = SSN._estimator(self.nInputPlane, self.kernel, true, name)
   if kdim == 2 then
      self.kernel:div(self.kernel:sum() * self.nInputPlane)
   else
      self.kernel:div(self.kernel:sum() * math.sqrt(self.nInputPlane))
   end
   SSN._setKernel(meanConvs, self.kernel, self.nInputPlane)
   SSN._setKernel(stdConvs, self.kernel, self.nInputPlane)
   self.normalizer = nn.CDivTable()
   self.divider = nn.CDivTable()
   self.thresholder = nn.Threshold(self.threshold, self.thresval)
   -- border coefficients, computed for each new input size
   self.coef = torch.Tensor(1, 1, 1)
end

function SDN:updateOutput(input)
   local dim = input:dim()
   if dim ~= 3 and dim ~= 4 then
      error('nn.SpatialDivisiveNormalization: input must be 3D or 4D', 2)
   end
   local likeInput = nn.SpatialSubtractiveNormalization._likeInput
   self.localstds = likeInput(self.stdestimator:updateOutput(input), input)
   if self.localstds:dim() ~= self.coef:dim() or input:size(dim) ~= self.coef:size(dim)
      or input:size(dim - 1) ~= self.coef:size(dim - 1) then
      self.ones = self.ones or input.new()
      self.ones:resizeAs(dim == 4 and input[1] or input):fill(1)
      local coef = likeInput(self.meanestimator:updateOutput(self.ones), self.ones)
      if dim == 4 then
         self._coef = self._coef or input.new()
         self._coef:resizeAs(coef):copy(coef)
         self.coef = self._coef:view(1, unpack(self._coef:size():totable()))
            :expandAs(self.localstds)
      else
         self.coef = coef:clone()
      end
   end
   self.adjustedstds = self.divider:updateOutput({ self.localstds, self.coef })
   self.thresholdedstds = self.thresholder:updateOutput(self.adjustedstds)
   self.output = self.normalizer:updateOutput({ input, self.thresholdedstds })
   return self.output
end

function SDN:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input):zero()
   local gradnorm = self.normalizer:updateGradInput({ input, self.thresholdedstds }, gradOutput)
   local gradadj = self.thresholder:updateGradInput(self.adjustedstds, gradnorm[2])
   local graddiv = self.divider:updateGradInput({ self.localstds, self.coef }, gradadj)
   local estimateGrad = graddiv[1]:contiguous():viewAs(self.stdestimator.output)
   self.gradInput:add(self.stdestimator:updateGradInput(input, estimateGrad))
   self.gradInput:add(gradnorm[1])
   return self.gradInput
end

function SDN:clearState()
   if self.ones then self.ones:set() end
   if self._coef then self._coef:set() end
   self.meanestimator:clearState()
   self.stdestimator:clearState()
   return parent.clearState(self)
end
