-- nn.Kmeans: online hard k-means with its centroids as the weight.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Squared Euclidean distance of row tensors a and b, by a loop.
local function sqDist(a, b)
   local s = 0
   for d = 1, a:size(1) do s = s + (a[d] - b[d]) ^ 2 end
   return s
end

-- Nearest centroid (the first on ties) and the summed squared distances, by loops.
local function assign(weight, x)
   local idx, loss = {}, 0
   for i = 1, x:size(1) do
      local best, bestD = 1, math.huge
      for c = 1, weight:size(1) do
         local d = sqDist(x[i], weight[c])
         if d < bestD then best, bestD = c, d end
      end
      idx[i], loss = best, loss + bestD
   end
   return idx, loss
end

function tests.forwardByDefinition()
   for _, typename in ipairs({ 'torch.DoubleTensor', 'torch.FloatTensor' }) do
      torch.manualSeed(911)
      local km = nn.Kmeans(4, 3):type(typename)
      local x = torch.randn(9, 3):type(typename)
      local y = km:forward(x)
      tester:eq(torch.type(y), typename, typename .. ': output type')
      local idx, loss = assign(km.weight:double(), x:double())
      for i = 1, 9 do tester:eq(y[i], idx[i], typename .. ': sample ' .. i) end
      local tol = typename == 'torch.FloatTensor' and 1e-4 or 1e-10
      tester:assert(math.abs(km.loss - loss) < tol, typename .. ': loss')
   end
end

function tests.tiesGoToTheFirstCentroid()
   local km = nn.Kmeans(3, 1)
   km.weight:copy(torch.Tensor({ { 1 }, { -1 }, { 1 } }))
   local y = km:forward(torch.Tensor({ { 0 }, { 2 }, { -3 } }))
   tester:eq(y, torch.Tensor({ 1, 1, 2 }), 'equal distances pick the lowest index')
   tester:eq(km.loss, 1 + 1 + 4, 'loss')
end

function tests.accGradParametersByDefinition()
   local km = nn.Kmeans(3, 2)
   km.weight:copy(torch.Tensor({ { 0, 0 }, { 10, 10 }, { 100, 100 } }))
   local x = torch.Tensor({ { 1, 2 }, { -1, 0 }, { 11, 9 }, { 0, 1 } })
   km:zeroGradParameters()
   km:forward(x)
   tester:eq(km:backward(x, nil, 0.5), torch.zeros(4, 2), 'no gradient for the input')
   tester:eq(km.clusterSampleCount, torch.Tensor({ 3, 1, 0 }), 'samples per cluster')
   -- gradWeight[c] = scale / (n_c + 1e-7) * sum (c - x) over the samples of c
   local expected = torch.Tensor({ { -0, -3 }, { -1, 1 }, { 0, 0 } })
   expected[1]:mul(0.5 / (3 + 1e-7))
   expected[2]:mul(0.5 / (1 + 1e-7))
   tester:assert(H.maxDiff(km.gradWeight, expected) < 1e-12, 'gradWeight')
   -- the scale given to the constructor wins over the argument
   local km2 = nn.Kmeans(3, 2, 2)
   km2.weight:copy(km.weight)
   km2:zeroGradParameters()
   km2:forward(x)
   km2:backward(x, nil, 0.5)
   tester:assert(H.maxDiff(km2.gradWeight, expected:mul(4)) < 1e-12, 'constructor scale')
end

function tests.oneStepMovesCentroidsToTheirMeans()
   torch.manualSeed(912)
   local km = nn.Kmeans(2, 2)
   km.weight:copy(torch.Tensor({ { -4, 0 }, { 4, 0 } }))
   local x = torch.randn(20, 2)
   x:narrow(1, 1, 10):add(-5)
   x:narrow(1, 11, 10):add(5)
   km:zeroGradParameters()
   km:forward(x)
   km:backward(x)
   km.weight:add(-1, km.gradWeight)
   local means = torch.cat(x:narrow(1, 1, 10):mean(1), x:narrow(1, 11, 10):mean(1), 1)
   tester:assert(H.maxDiff(km.weight, means) < 1e-6, 'centroids at the cluster means')
   km:forward(x)
   local _, loss = assign(means, x)
   tester:assert(math.abs(km.loss - loss) < 1e-5, 'loss at the means')
end

function tests.initRandomDrawsAsTorch7()
   torch.manualSeed(913)
   local x = torch.randn(7, 3)
   local km = nn.Kmeans(4, 3)
   torch.manualSeed(914)
   km:initRandom(x)
   torch.manualSeed(914)
   local rows = torch.zeros(4):random(1, 7)
   for c = 1, 4 do tester:eq(km.weight[c], x[rows[c]], 'centroid ' .. c) end
end

function tests.initKmeansPlusDrawsAsTorch7()
   -- points on a line, so every distance differs and the farthest order is unambiguous
   local n, k, p = 10, 4, 0.7
   local x = torch.Tensor(n, 2)
   for i = 1, n do x[i][1], x[i][2] = i * i / 3, -i end
   local km = nn.Kmeans(k, 2)
   torch.manualSeed(915)
   km:initKmeansPlus(x, p)
   local nextDraw = torch.random(1000)
   tester:eq(km.p, p, 'p kept')
   torch.manualSeed(915)
   local pcount = math.ceil((1 - p) * n)
   local chosen = { torch.random(n) }
   local nearest = {}
   for i = 1, n do nearest[i] = math.huge end
   for c = 2, k do
      local order = {}
      for i = 1, n do
         nearest[i] = math.min(nearest[i], sqDist(x[i], x[chosen[c - 1]]))
         order[i] = i
      end
      table.sort(order, function(a, b) return nearest[a] > nearest[b] end)
      chosen[c] = order[torch.random(pcount)]
   end
   for c = 1, k do tester:eq(km.weight[c], x[chosen[c]], 'centroid ' .. c) end
   tester:eq(torch.random(1000), nextDraw, 'one draw per centroid, no more')
end

function tests.upstreamStyleClustering()
   -- three clusters of identical points: k-means++ finds them exactly
   torch.manualSeed(916)
   local x = torch.Tensor(60, 5)
   for i = 1, 60 do x[i]:fill(i % 3 + 1) end
   local km = nn.Kmeans(3, 5)
   km:initKmeansPlus(x)
   for _ = 1, 5 do
      km:zeroGradParameters()
      km:forward(x)
      km:backward(x)
      km.weight:add(-1, km.gradWeight)
   end
   km:forward(x)
   tester:assert(km.loss < 1e-5, 'loss ' .. km.loss)
end

function tests.errors()
   local function fails(f, what, text)
      local ok, err = pcall(f)
      tester:assert(not ok and err:find(text or 'nn.Kmeans', 1, true) ~= nil, what)
   end
   fails(function() nn.Kmeans(0, 3) end, 'no clusters')
   fails(function() nn.Kmeans(2, -1) end, 'negative dimensionality')
   local km = nn.Kmeans(3, 2)
   fails(function() km:forward(torch.rand(2)) end, 'vector input', '2D input')
   fails(function() km:forward(torch.rand(4, 3)) end, 'wrong width', 'has 3 columns')
   fails(function() km:initRandom(torch.rand(2, 2)) end, 'too few samples', 'at least 3')
   fails(function() km:initKmeansPlus(torch.rand(5, 2), 1.5) end, 'p above 1')
   local neg = nn.Kmeans(3, 2, -1)
   neg:forward(torch.rand(4, 2))
   fails(function() neg:backward(torch.rand(4, 2)) end, 'negative scale', 'positive')
end

function tests.nonContiguousInput()
   torch.manualSeed(917)
   local km = nn.Kmeans(3, 4)
   local x = torch.randn(4, 6):t()
   tester:assert(not x:isContiguous(), 'a transposed input')
   local y = km:forward(x):clone()
   tester:eq(y, km:forward(x:clone()), 'same as contiguous')
end

function tests.clearStateAndToString()
   local km = nn.Kmeans(3, 2)
   km:forward(torch.rand(4, 2))
   km:backward(torch.rand(4, 2))
   H.common(tester, km, 'nn.Kmeans')
   tester:assert(km._minIndx == nil, 'assignment dropped')
   tester:eq(torch.type(km:float().weight), 'torch.FloatTensor', 'float after use')
   tester:eq(km:forward(torch.rand(4, 2):float()):size(1), 4, 'usable as float')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(918)
   H.roundTrip(tester, nn.Kmeans(3, 4), torch.randn(6, 4))
end

tester:add(tests)
return tester
