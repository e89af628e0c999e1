-- nn.SpatialFullConvolutionMap: the transpose of nn.SpatialConvolutionMap through a connection
-- table; its output, gradients, initial values, errors and serialization.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.outputByDefinition()
   torch.manualSeed(41)
   local m = nn.SpatialFullConvolutionMap(nn.tables.random(3, 2, 2), 3, 2, 2, 3)
   local x = torch.randn(3, 4, 5)
   local y = m:forward(x)
   tester:eq({ y:size(1), y:size(2), y:size(3) }, { 2, (4 - 1) * 3 + 2, (5 - 1) * 2 + 3 }, 'size')
   local expected = torch.Tensor(y:size())
   for o = 1, 2 do expected[o]:fill(m.bias[o]) end
   for k = 1, m.connTable:size(1) do
      local i, o = m.connTable[k][1], m.connTable[k][2]
      for r = 1, 4 do
         for c = 1, 5 do
            expected[o]:narrow(1, (r - 1) * 3 + 1, 2):narrow(2, (c - 1) * 2 + 1, 3)
               :add(x[i][r][c], m.weight[k])
         end
      end
   end
   tester:assert(H.maxDiff(y, expected) < 1e-12, 'each pixel spreads its row filter')
end

function tests.transposeOfTheMap()
   -- <full(x), g> = <x, map(g)> for the map with the table's columns swapped, the same
   -- filters and no bias
   torch.manualSeed(42)
   local tbl = nn.tables.random(3, 4, 2)
   local full = nn.SpatialFullConvolutionMap(tbl, 3, 2, 2, 1)
   local map = nn.SpatialConvolutionMap(tbl:index(2, torch.LongTensor({ 2, 1 })), 3, 2, 2, 1)
   map.weight:copy(full.weight)
   full.bias:zero(); map.bias:zero()
   local x = torch.randn(3, 4, 4)
   local y = full:forward(x)
   local g = torch.randn(y:size())
   local mapped = map:forward(g)
   tester:eq({ mapped:size(2), mapped:size(3) }, { 4, 4 }, 'the map brings g back to x size')
   local lhs, rhs = torch.cmul(y, g):sum(), torch.cmul(x, mapped):sum()
   tester:assert(math.abs(lhs - rhs) < 1e-10, 'adjoint pair')
end

function tests.jacobians()
   torch.manualSeed(43)
   H.jacobian(tester, nn.SpatialFullConvolutionMap(nn.tables.full(2, 2), 2, 3, 2, 2),
      torch.Tensor(2, 3, 3))
   H.jacobian(tester, nn.SpatialFullConvolutionMap(nn.tables.oneToOne(2), 3, 3),
      torch.Tensor(3, 2, 2))
end

function tests.resetDrawsAsTheMap()
   local tbl = nn.tables.random(4, 3, 2)
   torch.manualSeed(44)
   local full = nn.SpatialFullConvolutionMap(tbl, 2, 3)
   torch.manualSeed(44)
   local map = nn.SpatialConvolutionMap(tbl, 2, 3)
   tester:eq(H.maxDiff(full.weight, map.weight) + H.maxDiff(full.bias, map.bias), 0,
      'same draws in the same order')
end

function tests.badInputNamesTheModule()
   local m = nn.SpatialFullConvolutionMap(nn.tables.full(3, 2), 2, 2)
   local ok, err = pcall(function() m:forward(torch.randn(2, 3, 3)) end)
   tester:assert(not ok and tostring(err):find('nn.SpatialFullConvolutionMap: input has 2 '
      .. 'planes', 1, true) ~= nil, tostring(err))
   ok, err = pcall(function() m:forward(torch.randn(1, 3, 3, 3)) end)
   tester:assert(not ok and tostring(err):find('3-D', 1, true) ~= nil, tostring(err))
end

function tests.floatAndRoundTrip()
   torch.manualSeed(45)
   local m = nn.SpatialFullConvolutionMap(nn.tables.full(2, 2), 2, 2, 2, 2)
   local x = torch.randn(2, 3, 3)
   local y = m:forward(x):clone()
   tester:assert(H.maxDiff(m:clone():float():forward(x:float()):double(), y) < 1e-5, 'float')
   H.roundTrip(tester, m, x)
   H.common(tester, m, 'nn.SpatialFullConvolutionMap')
end

tester:add(tests)
return tester
