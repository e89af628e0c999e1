-- nn.SpatialConvolutionMap and nn.tables: filters linking the planes a connection table
-- names, their gradients, the tables, initial values, errors, and the 1-D kernel path of the
-- subtractive/divisive normalizations built on it.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- The output by definition: bias plus, per table row, its filter's strided cross-correlation.
local function reference(m, x)
   local d = x:dim()
   local oH = math.floor((x:size(d - 1) - m.kH) / m.dH) + 1
   local oW = math.floor((x:size(d) - m.kW) / m.dW) + 1
   local y = torch.Tensor(m.nOutputPlane, oH, oW)
   for o = 1, m.nOutputPlane do y[o]:fill(m.bias[o]) end
   for k = 1, m.connTable:size(1) do
      local i, o = m.connTable[k][1], m.connTable[k][2]
      for r = 1, oH do
         for c = 1, oW do
            local patch = x[i]:narrow(1, (r - 1) * m.dH + 1, m.kH):narrow(2, (c - 1) * m.dW + 1,
               m.kW)
            y[o][r][c] = y[o][r][c] + torch.cmul(patch, m.weight[k]):sum()
         end
      end
   end
   return y
end

function tests.forwardMatchesTheDefinition()
   torch.manualSeed(31)
   local m = nn.SpatialConvolutionMap(nn.tables.random(4, 3, 2), 3, 2, 2, 1)
   local x = torch.randn(4, 7, 8)
   tester:assert(H.maxDiff(m:forward(x), reference(m, x)) < 1e-12, 'strided forward')
   local xb = torch.randn(2, 4, 7, 8)
   local yb = m:forward(xb):clone()
   tester:assert(H.maxDiff(yb[2], reference(m, xb[2])) < 1e-12, 'batch item')
   local wide = torch.randn(6, 5, 5)  -- planes beyond the table's are not read
   local y = m:forward(wide):clone()
   tester:assert(H.maxDiff(y, reference(m, wide)) < 1e-12, 'extra input planes')
end

function tests.jacobians()
   torch.manualSeed(32)
   local m = nn.SpatialConvolutionMap(nn.tables.full(2, 3), 3, 3, 2, 2)
   H.jacobian(tester, m, torch.Tensor(2, 8, 7))
   H.jacobian(tester, nn.SpatialConvolutionMap(nn.tables.oneToOne(3), 2, 3),
      torch.Tensor(2, 3, 5, 4))
end

function tests.gradInputOfUnreadPlanesIsZero()
   torch.manualSeed(33)
   local m = nn.SpatialConvolutionMap(torch.Tensor({ { 1, 1 }, { 3, 2 } }), 2, 2)
   local x = torch.randn(4, 5, 5)
   m:forward(x)
   local gi = m:backward(x, torch.ones(2, 4, 4))
   tester:eq(gi[2]:abs():sum(), 0, 'plane 2 is not in the table')
   tester:eq(gi[4]:abs():sum(), 0, 'plane 4 is beyond it')
   tester:assert(gi[3]:abs():sum() > 0, 'plane 3 gets a gradient')
end

function tests.tables()
   local full = nn.tables.full(2, 3)
   tester:eq(full:size(1), 6, 'nin * nout rows')
   tester:eq({ full[2][1], full[2][2], full[3][1], full[3][2] }, { 2, 1, 1, 2 },
      'input planes vary fastest')
   local one = nn.tables.oneToOne(3)
   tester:eq({ one[3][1], one[3][2] }, { 3, 3 }, 'one to one')
   torch.manualSeed(5)
   local r = nn.tables.random(5, 4, 2)
   tester:eq(r:size(1), 8, 'nto * nout rows')
   torch.manualSeed(5)
   local p1, p2 = torch.randperm(5), torch.randperm(5)
   local expected = { p1[1], p1[2], p1[3], p1[4], p2[1], p2[2], p2[3], p2[4] }
   for k = 1, 8 do
      tester:eq(r[k][1], expected[k], 'row ' .. k .. ' input plane')
      tester:eq(r[k][2], math.floor((k - 1) / 2) + 1, 'row ' .. k .. ' output plane')
   end
end

function tests.resetDrawsEachFilterThenEachBias()
   local tbl = torch.Tensor({ { 1, 1 }, { 2, 1 }, { 2, 2 } })
   torch.manualSeed(7)
   local m = nn.SpatialConvolutionMap(tbl, 2, 2)
   torch.manualSeed(7)
   local w1 = torch.Tensor(2, 2):uniform(-1 / math.sqrt(8), 1 / math.sqrt(8))
   local w2 = torch.Tensor(2, 2):uniform(-1 / math.sqrt(8), 1 / math.sqrt(8))
   local w3 = torch.Tensor(2, 2):uniform(-1 / 2, 1 / 2)
   local b1 = torch.uniform(-1 / math.sqrt(8), 1 / math.sqrt(8))
   local b2 = torch.uniform(-1 / 2, 1 / 2)
   tester:eq(H.maxDiff(m.weight[1], w1) + H.maxDiff(m.weight[2], w2)
      + H.maxDiff(m.weight[3], w3), 0, 'filters drawn in table order by fan-in')
   tester:eq({ m.bias[1], m.bias[2] }, { b1, b2 }, 'then the biases one by one')
   m:reset(0.1)
   tester:assert(m.weight:abs():max() <= 0.1 * math.sqrt(3), 'reset(stdv)')
end

function tests.accGradParametersScale()
   torch.manualSeed(34)
   local m = nn.SpatialConvolutionMap(nn.tables.full(2, 2), 2, 2)
   local x, g = torch.randn(2, 4, 4), torch.randn(2, 3, 3)
   m:zeroGradParameters()
   m:forward(x)
   m:backward(x, g, 0.5)
   for k = 1, 4 do
      local i, o = m.connTable[k][1], m.connTable[k][2]
      tester:assert(H.maxDiff(m.gradWeight[k], torch.xcorr2(x[i], g[o]):mul(0.5)) < 1e-12,
         'gradWeight ' .. k)
   end
   tester:assert(math.abs(m.gradBias[2] - 0.5 * g[2]:sum()) < 1e-12, 'gradBias')
end

function tests.badInputNamesTheModule()
   local m = nn.SpatialConvolutionMap(nn.tables.full(3, 2), 3, 3)
   local ok, err = pcall(function() m:forward(torch.randn(2, 5, 5)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialConvolutionMap: input has 2 planes',
      1, true) ~= nil, tostring(err))
   ok, err = pcall(function() m:forward(torch.randn(3, 2, 5)) end)
   tester:assert(not ok and tostring(err):find('smaller than the kernel', 1, true) ~= nil,
      tostring(err))
   ok, err = pcall(function() m:forward(torch.randn(5, 5)) end)
   tester:assert(not ok and tostring(err):find('3-D', 1, true) ~= nil, tostring(err))
end

function tests.floatAndRoundTrip()
   torch.manualSeed(35)
   local m = nn.SpatialConvolutionMap(nn.tables.random(3, 2, 2), 2, 2)
   local x = torch.randn(3, 5, 5)
   local y = m:forward(x):clone()
   local f = m:clone():float()
   tester:assert(H.maxDiff(f:forward(x:float()):double(), y) < 1e-5, 'float module')
   H.roundTrip(tester, m, x)
   H.common(tester, m, 'nn.SpatialConvolutionMap')
end

function tests.normalizationsWithOneDimensionalKernels()
   -- a 1-D kernel filters rows then columns: the same as its outer product as a 2-D kernel
   torch.manualSeed(36)
   local k = torch.Tensor({ 1, 2, 1 })
   local x = torch.randn(2, 6, 7)
   for _, name in ipairs({ 'SpatialSubtractiveNormalization', 'SpatialDivisiveNormalization' }) do
      local sep = nn[name](2, k):forward(x)
      local full = nn[name](2, torch.ger(k, k)):forward(x)
      tester:assert(H.maxDiff(sep, full) < 1e-10, name .. ' 1-D kernel')
   end
end

tester:add(tests)
return tester
