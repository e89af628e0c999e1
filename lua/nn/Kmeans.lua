local Kmeans, parent = torch.class('nn.Kmeans', 'nn.Module')

--[[ Online hard k-means. The k centroids are the rows of weight (k x dim); forward maps a
batch (batchSize x dim) to the 1-based index of each sample's nearest centroid (squared
Euclidean distance, the first on ties) and keeps the summed squared distances in `loss`.
accGradParameters adds to gradWeight a step that, subtracted from weight, moves each
centroid towards the mean of its samples. ARGS: k (clusters), dim (numbers), scale (the
step size, a number; overrides the scale given to accGradParameters when set) ]]
function Kmeans:__init(k, dim, scale)
   parent.__init(self)
   if type(k) ~= 'number' or k <= 0 then
      error('nn.Kmeans: the number of clusters must be positive', 2)
   end
   if type(dim) ~= 'number' or dim <= 0 then
      error('nn.Kmeans: the dimensionality must be positive', 2)
   end
   self.k = k
   self.dim = dim
   self.scale = scale
   self.weight = torch.Tensor(k, dim)
   self.gradWeight = torch.Tensor(k, dim)
   self.loss = 0
   self.clusterSampleCount = torch.Tensor(k)
   self:reset()
end

--[[ Draw the centroids uniformly from [-stdev, stdev]. ARGS: stdev (default 1) ]]
function Kmeans:reset(stdev)
   stdev = stdev or 1
   self.weight:uniform(-stdev, stdev)
end

local function checkInput(self, input, what)
   if not torch.isTensor(input) or input:dim() ~= 2 then
      error('nn.Kmeans: ' .. what .. ' expects a 2D input (samples x dim)', 3)
   end
   if input:size(2) ~= self.dim then
      error(string.format('nn.Kmeans: input has %d columns, the centroids %d', input:size(2),
         self.dim), 3)
   end
end

--[[ Set the centroids to k samples of `input` (rows drawn with replacement).
ARGS: input (samples x dim, at least k samples) ]]
function Kmeans:initRandom(input)
   checkInput(self, input, 'initRandom')
   local n = input:size(1)
   if n < self.k then
      error(string.format('nn.Kmeans: initRandom needs at least %d samples, got %d', self.k, n), 2)
   end
   local rows = torch.zeros(self.k):random(1, n)
   self.weight:index(input, 1, rows:long())
end

--[[ k-means++ style start: the first centroid is a random sample; each further one is drawn
uniformly from the ceil((1 - p) * samples) samples farthest from the centroids chosen so
far. ARGS: input (samples x dim), p (in [0, 1]; default the last one given, or 0.95) ]]
function Kmeans:initKmeansPlus(input, p)
   self.p = p or self.p or 0.95
   if self.p < 0 or self.p > 1 then
      error('nn.Kmeans: p must lie between 0 and 1, got ' .. self.p, 2)
   end
   checkInput(self, input, 'initKmeansPlus')
   local n = input:size(1)
   local pcount = math.max(math.ceil((1 - self.p) * n), 1)
   self.weight[1]:copy(input[torch.random(n)])
   local nearest = self.weight.new(n):fill(math.huge)
   local diff, dist = self.weight.new(), self.weight.new()
   for c = 2, self.k do
      -- squared distances to the centroid chosen last; keep each sample's smallest
      local last = self.weight[{ { c - 1 } }]
      diff:resize(n, self.dim):copy(input):add(-1, last:expand(n, self.dim))
      dist:norm(diff, 2, 2):pow(2)
      nearest:cmin(dist:view(n))
      local _, order = nearest:sort(true)
      self.weight[c]:copy(input[order[torch.random(pcount)]])
   end
end

function Kmeans:updateOutput(input)
   checkInput(self, input, 'updateOutput')
   local k, n, d = self.k, input:size(1), self.dim
   -- every sample minus every centroid: k x n x d
   local samples = input:contiguous():view(1, n, d):expand(k, n, d)
   self._expandedSamples = self._expandedSamples or self.weight.new()
   self._expandedSamples:resize(k, n, d):copy(samples)
   self._expandedSamples:add(-1, self.weight:view(k, 1, d):expand(k, n, d))
   self._clusterDistances = self._clusterDistances or self.weight.new()
   self._clusterDistances:norm(self._expandedSamples, 2, 3):pow(2)
   self._clusterDistances:resize(k, n)
   self._minScore = self._minScore or self.weight.new()
   self._minIndx = self._minIndx or torch.LongTensor()
   self._minScore:min(self._minIndx, self._clusterDistances, 1)
   self._minIndx:resize(n)
   self.output:resize(n):copy(self._minIndx)
   self.loss = self._minScore:sum()
   return self.output
end

-- The clustering has its own objective (loss): no gradient flows back to the input.
function Kmeans:updateGradInput(input)
   self.gradInput:resize(input:size()):zero()
   return self.gradInput
end

--[[ gradWeight[c] += scale / n_c * sum over the n_c samples x nearest to c of (c - x),
using the assignment of the last forward; clusterSampleCount gets the n_c. ]]
function Kmeans:accGradParameters(input, _, scale)
   scale = self.scale or scale or 1
   if scale <= 0 then error('nn.Kmeans: scale must be positive, got ' .. scale, 2) end
   if not self._minIndx or self._minIndx:nElement() ~= input:size(1) then
      error('nn.Kmeans: accGradParameters needs the forward pass of this input first', 2)
   end
   local n = input:size(1)
   self._cscAdder = self._cscAdder or self.weight.new()
   self._cscAdder:resize(n):fill(1)
   self.clusterSampleCount:zero():indexAdd(1, self._minIndx, self._cscAdder)
   -- scale * (c - x) for each sample's centroid c, summed per centroid
   self._gradWeight = self._gradWeight or self.gradWeight.new()
   self._gradWeight:index(self.weight, 1, self._minIndx):add(-1, input):mul(scale)
   self._gradWeight2 = self._gradWeight2 or self.gradWeight.new()
   self._gradWeight2:resizeAs(self.gradWeight):zero():indexAdd(1, self._minIndx, self._gradWeight)
   -- divided by the counts; the small constant keeps empty clusters finite
   self._ccounts = self._ccounts or self.clusterSampleCount.new()
   self._ccounts:resize(self.k):copy(self.clusterSampleCount):add(1e-7)
   self._gradWeight2:cdiv(self._ccounts:view(self.k, 1):expandAs(self.gradWeight))
   self.gradWeight:add(self._gradWeight2)
end

function Kmeans:type(typename, tensorCache)
   if typename then self:clearState() end
   return parent.type(self, typename, tensorCache)
end

function Kmeans:clearState()
   nn.utils.clear(self, '_expandedSamples', '_clusterDistances', '_minScore', '_cscAdder',
      '_gradWeight', '_gradWeight2', '_ccounts')
   self._minIndx = nil
   return parent.clearState(self)
end
