local SSN, parent = torch.class('nn.SpatialSubtractiveNormalization', 'nn.Module')

--[[ The local weighted sum of a 3-D or 4-D input as Torch7 builds it: nn.Sequential of
[nn.Square], nn.SpatialZeroPadding, nn.SpatialConvolution to one plane (a 1-D kernel: an
nn.SpatialConvolutionMap along rows, then a column convolution), nn.Replicate over the planes
[, nn.Sqrt]. The convolutions' weights are set from `kernel`, their biases to 0.
Shared with nn.SpatialDivisiveNormalization; `name` names the module in errors.
RETURN: the nn.Sequential and its convolutions ]]
function SSN._estimator(nInputPlane, kernel, squared, name)
   local kdim = kernel:nDimension()
   local padH = math.floor(kernel:size(1) / 2)
   local padW = kdim == 2 and math.floor(kernel:size(2) / 2) or padH
   local seq = nn.Sequential()
   if squared then seq:add(nn.Square()) end
   seq:add(nn.SpatialZeroPadding(padW, padW, padH, padH))
   local convs = {}
   if kdim == 2 then
      convs[1] = nn.SpatialConvolution(nInputPlane, 1, kernel:size(2), kernel:size(1))
   else
      if not (nn.SpatialConvolutionMap and nn.tables) then
         error(name .. ': a 1-D averaging kernel needs nn.SpatialConvolutionMap (not available)',
            3)
      end
      convs[1] = nn.SpatialConvolutionMap(nn.tables.oneToOne(nInputPlane), kernel:size(1), 1)
      convs[2] = nn.SpatialConvolution(nInputPlane, 1, 1, kernel:size(1))
   end
   for _, conv in ipairs(convs) do seq:add(conv) end
   seq:add(nn.Replicate(nInputPlane, 1, 3))
   if squared then seq:add(nn.Sqrt()) end
   return seq, convs
end

--[[ Copy `kernel` into the estimator convolutions made by _estimator and zero their biases. ]]
function SSN._setKernel(convs, kernel, nInputPlane)
   for i = 1, nInputPlane do
      if #convs == 1 then
         convs[1].weight[1][i]:copy(kernel)
      else
         convs[1].weight[i]:copy(kernel)
         convs[2].weight[1][i]:copy(kernel)
      end
   end
   for _, conv in ipairs(convs) do conv.bias:zero() end
end

--[[ Subtract from every pixel a weighted average of its neighbourhood over all planes, the
weights given by a normalized kernel; near the borders the average is rescaled to the part of
the kernel inside the image. Built from nn.SpatialZeroPadding, nn.SpatialConvolution (and
nn.SpatialConvolutionMap for a 1-D kernel), nn.Replicate, nn.CDivTable and nn.CSubTable.
ARGS: nInputPlane (default 1), kernel (2-D or 1-D tensor of odd sizes, default 9x9 ones;
divided in place by its sum times nInputPlane) ]]
function SSN:__init(nInputPlane, kernel)
   parent.__init(self)
   self.nInputPlane = nInputPlane or 1
   self.kernel = kernel or torch.Tensor(9, 9):fill(1)
   local kdim = self.kernel:nDimension()
   if kdim ~= 2 and kdim ~= 1 then
      error('nn.SpatialSubtractiveNormalization: averaging kernel must be 2D or 1D', 2)
   end
   if self.kernel:size(1) % 2 == 0 or (kdim == 2 and self.kernel:size(2) % 2 == 0) then
      error('nn.SpatialSubtractiveNormalization: averaging kernel must have ODD dimensions', 2)
   end
   self.kernel:div(self.kernel:sum() * self.nInputPlane)
   local convs
   self.meanestimator, convs = SSN._estimator(self.nInputPlane, self.kernel, false,
      torch.type(self))
   SSN._setKernel(convs, self.kernel, self.nInputPlane)
   self.subtractor = nn.CSubTable()
   self.divider = nn.CDivTable()
   -- border coefficients, computed for each new input size
   self.coef = torch.Tensor(1, 1, 1)
end

--[[ The estimator's output (an extra singleton dimension before the rows, from nn.Replicate)
seen with `input`'s shape. ]]
function SSN._likeInput(estimate, input)
   return estimate:select(input:dim() - 1, 1)
end

--[[ The local means of an all-ones input of `input`'s size (one sample for batches),
expanded to the batch: dividing by them undoes the zero padding at the borders. ]]
function SSN:_borderCoefficients(input)
   if self._inpsz and input:isSize(self._inpsz) then return end
   self._inpsz = input:size()
   self.ones = self.ones or input.new()
   self._coef = self._coef or self.coef.new()
   local sample = input:dim() == 4 and input[1] or input
   self.ones:resizeAs(sample):fill(1)
   local coef = SSN._likeInput(self.meanestimator:updateOutput(self.ones), self.ones)
   self._coef:resizeAs(coef):copy(coef)
   if input:dim() == 4 then
      local size = self._coef:size():totable()
      table.insert(size, 1, input:size(1))
      self.coef = self._coef:view(1, unpack(self._coef:size():totable())):expand(unpack(size))
   else
      self.coef = self._coef
   end
end

function SSN:updateOutput(input)
   if input:dim() ~= 3 and input:dim() ~= 4 then
      error('nn.SpatialSubtractiveNormalization: input must be 3D or 4D', 2)
   end
   self:_borderCoefficients(input)
   self.localsums = SSN._likeInput(self.meanestimator:updateOutput(input), input)
   self.adjustedsums = self.divider:updateOutput({ self.localsums, self.coef })
   self.output = self.subtractor:updateOutput({ input, self.adjustedsums })
   return self.output
end

function SSN:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input):zero()
   local gradsub = self.subtractor:updateGradInput({ input, self.adjustedsums }, gradOutput)
   local graddiv = self.divider:updateGradInput({ self.localsums, self.coef }, gradsub[2])
   local estimateGrad = graddiv[1]:contiguous():viewAs(self.meanestimator.output)
   self.gradInput:add(self.meanestimator:updateGradInput(input, estimateGrad))
   self.gradInput:add(gradsub[1])
   return self.gradInput
end

function SSN:clearState()
   self._inpsz = nil
   if self.ones then self.ones:set() end
   if self._coef then self._coef:set() end
   self.meanestimator:clearState()
   return parent.clearState(self)
end
