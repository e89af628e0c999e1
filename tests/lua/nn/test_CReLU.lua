-- nn.CReLU: rectified input and rectified negated input, concatenated.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- cat(max(x, 0), max(-x, 0)) along dimension d.
local function expected(x, d)
   return torch.cat(torch.cmax(x, 0), torch.cmax(-x, 0), d)
end

function tests.batchDoublesFeatureMaps()
   torch.manualSeed(24)
   for _, inplace in ipairs({ false, true }) do
      local x = torch.randn(2, 3, 4, 4)
      local y = nn.CReLU(3, inplace):forward(x)
      tester:eq(H.sizes(y), '2x6x4x4', 'batch sizes')
      tester:eq(H.maxDiff(y, expected(x, 2)), 0, 'batch values, inplace ' .. tostring(inplace))
   end
end

function tests.singleSampleDoublesFirstDimension()
   torch.manualSeed(25)
   for _, inplace in ipairs({ false, true }) do
      local x = torch.randn(3, 4, 4)
      local y = nn.CReLU(3, inplace):forward(x)
      tester:eq(H.sizes(y), '6x4x4', 'single sizes')
      tester:eq(H.maxDiff(y, expected(x, 1)), 0, 'single values, inplace ' .. tostring(inplace))
   end
end

function tests.batchMatchesSamples()
   torch.manualSeed(26)
   local m, x = nn.CReLU(1), torch.randn(4, 5)
   local y = m:forward(x):clone()
   local g = torch.randn(4, 10)
   local gi = m:backward(x, g):clone()
   for i = 1, 4 do
      tester:eq(H.maxDiff(m:forward(x[i]), y[i]), 0, 'output of sample ' .. i)
      tester:eq(H.maxDiff(m:backward(x[i], g[i]), gi[i]), 0, 'gradient of sample ' .. i)
   end
end

function tests.gradientByDefinition()
   torch.manualSeed(27)
   local m, x = nn.CReLU(2), torch.randn(3, 4)
   local g = torch.randn(6, 4)
   m:forward(x)
   local gi = m:backward(x, g)
   local want = torch.cmul(g:narrow(1, 1, 3), torch.gt(x, 0):double())
      - torch.cmul(g:narrow(1, 4, 3), torch.lt(x, 0):double())
   tester:eq(H.sizes(gi), '3x4', 'input sizes')
   tester:eq(H.maxDiff(gi, want), 0, 'values')
end

function tests.jacobian()
   torch.manualSeed(28)
   for _, inplace in ipairs({ false, true }) do
      H.jacobian(tester, nn.CReLU(3, inplace), torch.Tensor(2, 3, 2, 2))
      H.jacobian(tester, nn.CReLU(3, inplace), torch.Tensor(3, 2, 2))
   end
end

function tests.nonContiguousInput()
   torch.manualSeed(29)
   local x = torch.randn(3, 4):t()
   local y = nn.CReLU(1):forward(x)
   tester:eq(H.maxDiff(y, expected(x:contiguous(), 2)), 0, 'transposed input')
end

function tests.errors()
   local ok, err = pcall(function() nn.CReLU(3):forward(torch.randn(2, 3)) end)
   tester:assert(not ok and err:find('nn.CReLU: input must have 3 or 4 dimensions', 1, true),
      'wrong number of dimensions')
   ok, err = pcall(function() nn.CReLU(1):forward({}) end)
   tester:assert(not ok and err:find('nn.CReLU: input must be a tensor', 1, true), 'table')
end

function tests.fieldsAndChildren()
   local m = nn.CReLU(3)
   tester:eq(m.nInputDims, 3, 'nInputDims')
   tester:eq(m.inplace, false, 'inplace defaults to false')
   tester:eq(#m.modules, 3, 'ConcatTable, JoinTable, ReLU')
   tester:eq(torch.type(m:get(3)), 'nn.ReLU', 'last child')
   tester:assert(torch.isTypeOf(m, 'nn.Sequential'), 'a Sequential')
   tester:eq(nn.CReLU(3, true):get(3).inplace, true, 'inplace reaches the ReLU')
end

function tests.clearStateAndToString()
   H.common(tester, nn.CReLU(2), 'CReLU()')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(30)
   H.roundTrip(tester, nn.CReLU(3), torch.randn(2, 3, 2, 2))
   H.roundTrip(tester, nn.CReLU(1, true), torch.randn(5))
end

tester:add(tests)
return tester
