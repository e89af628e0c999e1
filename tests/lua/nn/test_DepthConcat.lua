-- nn.DepthConcat: outputs joined along a dimension, smaller ones centred and zero-padded.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   local m = nn.DepthConcat(2):add(nn.Linear(3, 2)):add(nn.Linear(3, 4))
   H.jacobian(tester, m, torch.Tensor(2, 3), {})
   local p = nn.DepthConcat(1):add(nn.Narrow(2, 1, 2)):add(nn.Identity())
   H.jacobian(tester, p, torch.Tensor(2, 4))
end

function tests.smallerOutputsAreCentred()
   local m = nn.DepthConcat(1):add(nn.Narrow(2, 2, 2)):add(nn.Identity())
   local x = torch.Tensor({ { 1, 2, 3, 4 } })
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { 0, 2, 3, 0 }, { 1, 2, 3, 4 } })), 0, 'centred')
   local gi = m:backward(x, torch.ones(2, 4))
   tester:eq(H.maxDiff(gi, torch.Tensor({ { 1, 2, 2, 1 } })), 0, 'gradients summed')
end

function tests.childErrorsNameTheChild()
   local m = nn.DepthConcat(2):add(nn.Linear(3, 2)):add(nn.Linear(4, 2))
   local ok, err = pcall(function() m:forward(torch.rand(2, 3)) end)
   tester:assert(not ok and tostring(err):find('In 2 module of nn.DepthConcat', 1, true) ~= nil,
      tostring(err))
end

function tests.clearStateAndToString()
   local m = nn.DepthConcat(1):add(nn.Identity())
   H.common(tester, m, 'nn.DepthConcat {\n  input\n     `-> (1): nn.Identity\n'
      .. '     ... -> output\n}')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(2)
   H.roundTrip(tester, nn.DepthConcat(2):add(nn.Linear(3, 2)):add(nn.Linear(3, 4)),
      torch.rand(2, 3))
end

tester:add(tests)
return tester
