-- nn.DotProduct: row-wise dot products.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchAndVector()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.DotProduct(), { torch.Tensor(2, 3), torch.Tensor(2, 3) })
   H.tableJacobian(tester, nn.DotProduct(), { torch.Tensor(4), torch.Tensor(4) })
end

function tests.forwardMatchesDefinition()
   local a, b = torch.rand(2, 3), torch.rand(2, 3)
   local y = nn.DotProduct():forward({ a, b })
   tester:assert(math.abs(y[2] - a[2]:dot(b[2])) < 1e-12, 'dot of row 2')
   tester:eq(nn.DotProduct():forward({ a[1], b[1] }):nElement(), 1, 'vectors give one value')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.DotProduct():forward({ torch.rand(2, 3), torch.rand(3, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.DotProduct', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.DotProduct(), 'nn.DotProduct')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.DotProduct(), { torch.rand(2, 3), torch.rand(2, 3) })
end

tester:add(tests)
return tester
