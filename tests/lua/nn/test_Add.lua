-- nn.Add: learnt bias added to the input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianBatchVectorAndScalar()
   torch.manualSeed(1)
   H.jacobian(tester, nn.Add(4), torch.Tensor(3, 4), { bias = 'gradBias' })
   H.jacobian(tester, nn.Add(4), torch.Tensor(4), { bias = 'gradBias' })
   H.jacobian(tester, nn.Add(4, true), torch.Tensor(3, 4), { bias = 'gradBias' })
end

function tests.resetDrawsUniformly()
   torch.manualSeed(5)
   local m = nn.Add(4)
   torch.manualSeed(5)
   tester:eq(H.maxDiff(m.bias, torch.Tensor(4):uniform(-0.5, 0.5)), 0, 'stdv 1/sqrt(4)')
   tester:eq(nn.Add(7, true).bias:nElement(), 1, 'scalar bias')
end

function tests.forwardMatchesDefinition()
   local m = nn.Add(2)
   m.bias:copy(torch.Tensor({ 1, -1 }))
   local y = m:forward(torch.Tensor({ { 1, 2 }, { 3, 4 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 2, 1 }, { 4, 3 } })), 0, 'batch')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Add(3):forward(torch.Tensor(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Add', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Add(3), 'nn.Add')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(2)
   H.roundTrip(tester, nn.Add(3), torch.rand(2, 3))
   H.roundTrip(tester, nn.Add(3, true), torch.rand(3))
end

tester:add(tests)
return tester
