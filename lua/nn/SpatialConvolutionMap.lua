local SpatialConvolutionMap, parent = torch.class('nn.SpatialConvolutionMap', 'nn.Module')
local K, np = torch._bridge.K, torch._np

-- Connection tables: one row per filter, (input plane, output plane), 1-based.
nn.tables = nn.tables or {}

--[[ Every input plane to every output plane, the input planes varying fastest.
ARGS: nin, nout RETURN: (nin*nout) x 2 tensor ]]
function nn.tables.full(nin, nout)
   local t = torch.Tensor(nin * nout, 2)
   for o = 1, nout do
      for i = 1, nin do
         local row = t[(o - 1) * nin + i]
         row[1], row[2] = i, o
      end
   end
   return t
end

--[[ Plane i to plane i. ARGS: n RETURN: n x 2 tensor ]]
function nn.tables.oneToOne(n)
   local t = torch.Tensor(n, 2)
   for i = 1, n do t[i][1], t[i][2] = i, i end
   return t
end

--[[ `nto` input planes for each output plane, drawn without repeats from a random
permutation of the input planes, which is drawn anew once its whole chunks of `nto` are used.
ARGS: nin, nout, nto RETURN: (nto*nout) x 2 tensor ]]
function nn.tables.random(nin, nout, nto)
   local t = torch.Tensor(nto * nout, 2)
   local perm = torch.randperm(nin)
   local chunks = math.floor(nin / nto)
   local chunk = 1
   for o = 1, nout do
      for j = 1, nto do
         local row = t[(o - 1) * nto + j]
         row[1], row[2] = perm[(chunk - 1) * nto + j], o
      end
      chunk = chunk + 1
      if chunk - 1 == chunks then
         perm:copy(torch.randperm(nin))
         chunk = 1
      end
   end
   return t
end

--[[ A 2-D convolution whose filters link the planes a connection table names.
ARGS: conMatrix (connection table, K x 2), kW, kH, dW, dH (default 1) ]]
function SpatialConvolutionMap:__init(conMatrix, kW, kH, dW, dH)
   parent.__init(self)
   self.kW, self.kH = kW, kH
   self.dW, self.dH = dW or 1, dH or 1
   self.connTable = conMatrix
   self.nInputPlane = self.connTable:select(2, 1):max()
   self.nOutputPlane = self.connTable:select(2, 2):max()
   self.weight = torch.Tensor(self.connTable:size(1), kH, kW)
   self.bias = torch.Tensor(self.nOutputPlane)
   self.gradWeight = torch.Tensor(self.connTable:size(1), kH, kW)
   self.gradBias = torch.Tensor(self.nOutputPlane)
   self:reset()
end

--[[ With `stdv`: weight then bias uniform in +-stdv*sqrt(3). Without: each filter, in table
order, uniform in +-1/sqrt(kW*kH*fan-in of its output plane), then each bias element the same
for its plane, drawn one by one. ARGS: stdv (number or nil) RETURN: self ]]
function SpatialConvolutionMap:reset(stdv)
   local function fill(t, bound)
      if nn.oldSeed then
         t:apply(function() return torch.uniform(-bound, bound) end)
      else
         t:uniform(-bound, bound)
      end
   end
   if stdv then
      stdv = stdv * math.sqrt(3)
      fill(self.weight, stdv)
      fill(self.bias, stdv)
      return self
   end
   local fanIn = torch.Tensor(self.nOutputPlane):zero()
   for k = 1, self.connTable:size(1) do
      local o = self.connTable[k][2]
      fanIn[o] = fanIn[o] + 1
   end
   local area = self.kW * self.kH
   for k = 1, self.connTable:size(1) do
      fill(self.weight:select(1, k), 1 / math.sqrt(area * fanIn[self.connTable[k][2]]))
   end
   for o = 1, self.bias:size(1) do
      local bound = 1 / math.sqrt(area * fanIn[o])
      self.bias[o] = torch.uniform(-bound, bound)
   end
   return self
end

local function checkInput(self, input)
   local d = torch.isTensor(input) and input:dim()
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialConvolutionMap: input must be 3-D (planes x height x width) or 4-D '
         .. '(batch x planes x height x width)', 3)
   end
   if input:size(d - 2) < self.nInputPlane then
      error(string.format('nn.SpatialConvolutionMap: input has %d planes, the table needs %d',
         input:size(d - 2), self.nInputPlane), 3)
   end
   if input:size(d - 1) < self.kH or input:size(d) < self.kW then
      error(string.format('nn.SpatialConvolutionMap: input image %dx%d is smaller than the '
         .. 'kernel %dx%d', input:size(d - 1), input:size(d), self.kH, self.kW), 3)
   end
end

local function args(self)
   return np(self.connTable), self.nInputPlane, self.nOutputPlane, self.dW, self.dH
end

function SpatialConvolutionMap:updateOutput(input)
   checkInput(self, input)
   local d = input:dim()
   local oH = math.floor((input:size(d - 1) - self.kH) / self.dH) + 1
   local oW = math.floor((input:size(d) - self.kW) / self.dW) + 1
   if d == 3 then
      self.output:resize(self.nOutputPlane, oH, oW)
   else
      self.output:resize(input:size(1), self.nOutputPlane, oH, oW)
   end
   K.SpatialConvolutionMap_updateOutput(np(input), np(self.output), np(self.weight),
      np(self.bias), args(self))
   return self.output
end

function SpatialConvolutionMap:updateGradInput(input, gradOutput)
   checkInput(self, input)
   self.gradInput:resizeAs(input)
   K.SpatialConvolutionMap_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.weight), np(self.bias), args(self))
   return self.gradInput
end

function SpatialConvolutionMap:accGradParameters(input, gradOutput, scale)
   checkInput(self, input)
   local connTable, nIn, nOut, dW, dH = args(self)
   K.SpatialConvolutionMap_accGradParameters(np(input), np(gradOutput), np(self.gradWeight),
      np(self.gradBias), connTable, nIn, nOut, dW, dH, scale or 1)
end
