local SpatialFullConvolutionMap = torch.class('nn.SpatialFullConvolutionMap', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ The transpose of nn.SpatialConvolutionMap: each table row spreads its filter from every
pixel of its input plane into its output plane, (iH - 1) * dH + kH high.
ARGS: conMatrix (connection table, K x 2, see nn.tables), kW, kH, dW, dH (default 1) ]]
function SpatialFullConvolutionMap:__init(conMatrix, kW, kH, dW, dH)
   nn.SpatialConvolutionMap.__init(self, conMatrix, kW, kH, dW, dH)  -- same fields and draws
end

--[[ As nn.SpatialConvolutionMap:reset. ARGS: stdv (number or nil) RETURN: self ]]
SpatialFullConvolutionMap.reset = nn.SpatialConvolutionMap.reset

local function checkInput(self, input)
   if not torch.isTensor(input) or input:dim() ~= 3 then
      error('nn.SpatialFullConvolutionMap: input must be 3-D (planes x height x width)', 3)
   end
   if input:size(1) < self.nInputPlane then
      error(string.format('nn.SpatialFullConvolutionMap: input has %d planes, the table '
         .. 'needs %d', input:size(1), self.nInputPlane), 3)
   end
end

local function args(self)
   return np(self.connTable), self.nInputPlane, self.nOutputPlane, self.dW, self.dH
end

function SpatialFullConvolutionMap:updateOutput(input)
   checkInput(self, input)
   self.output:resize(self.nOutputPlane, (input:size(2) - 1) * self.dH + self.kH,
      (input:size(3) - 1) * self.dW + self.kW)
   K.SpatialFullConvolutionMap_updateOutput(np(input), np(self.output), np(self.weight),
      np(self.bias), args(self))
   return self.output
end

function SpatialFullConvolutionMap:updateGradInput(input, gradOutput)
   checkInput(self, input)
   self.gradInput:resizeAs(input)
   K.SpatialFullConvolutionMap_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.weight), np(self.bias), args(self))
   return self.gradInput
end

function SpatialFullConvolutionMap:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   local connTable, nIn, nOut, dW, dH = args(self)
   K.SpatialFullConvolutionMap_accGradParameters(np(input), np(gradOutput),
      np(self.gradWeight), np(self.gradBias), connTable, nIn, nOut, dW, dH, scale or 1)
end
