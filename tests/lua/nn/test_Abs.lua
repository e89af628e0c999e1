-- nn.Abs: elementwise absolute value.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Abs(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Abs(), torch.Tensor(2, 3, 2))
end

function tests.forwardMatchesDefinition()
   local x = torch.rand(3, 4):add(0.25)
   local y = nn.Abs():forward(x)
   tester:assert(H.maxDiff(y, torch.abs(x)) < 1e-12, 'elementwise values')
end

function tests.badGradOutputNamesTheModule()
   local m = nn.Abs()
   m:forward(torch.rand(3):add(1))
   local ok, err = pcall(function() m:backward(torch.rand(3):add(1), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Abs', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Abs(), 'nn.Abs')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Abs(), torch.rand(2, 3):add(0.5))
end

function tests.gradientAtZeroIsPositive()
   local m = nn.Abs()
   local x = torch.Tensor({ 0, -1 })
   m:forward(x)
   tester:eq(H.maxDiff(m:backward(x, torch.Tensor({ 1, 1 })), torch.Tensor({ 1, -1 })), 0,
      'sign with 0 counted as positive')
end

tester:add(tests)
return tester
