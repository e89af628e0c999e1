-- nn.Threshold: values, gradients, in-place mode.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(21)
   H.jacobian(tester, nn.Threshold(0.1, -1), torch.Tensor(3, 4))
end

function tests.valuesAndDefaults()
   local m = nn.Threshold()
   tester:eq(m.threshold, 1e-6, 'default threshold')
   tester:eq(m.val, 0, 'default value')
   tester:eq(m.inplace, false, 'default not in place')
   local y = nn.Threshold(1, -5):forward(torch.Tensor({ 0.5, 1, 2 }))
   tester:eq(H.maxDiff(y, torch.Tensor({ -5, -5, 2 })), 0, 'x <= threshold gives val')
end

function tests.inPlaceWritesIntoInput()
   local x = torch.Tensor({ -1, 2, -3 })
   local m = nn.Threshold(0, 0, true)
   local y = m:forward(x)
   tester:eq(H.maxDiff(x, torch.Tensor({ 0, 2, 0 })), 0, 'input modified')
   tester:assert(y:isSetTo(x), 'output is the input')
   local go = torch.Tensor({ 1, 1, 1 })
   local gi = m:backward(x, go)
   tester:assert(gi:isSetTo(go), 'gradInput is gradOutput')
   tester:eq(H.maxDiff(go, torch.Tensor({ 0, 1, 0 })), 0, 'gradOutput masked')
   local ok = pcall(function() nn.Threshold(0, 1, true) end)
   tester:assert(not ok, 'in place needs val <= threshold')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Threshold(0.5, 0), 'nn.Threshold')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Threshold(0.3, -2), torch.rand(2, 3))
end

tester:add(tests)
return tester
