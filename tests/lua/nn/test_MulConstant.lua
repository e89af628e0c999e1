-- nn.MulConstant: input times a fixed scalar.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.MulConstant(2.5), torch.Tensor(3, 4))
end

function tests.inPlaceScalesAndRestores()
   local x = torch.Tensor({ 1, -2 })
   local m = nn.MulConstant(3, true)
   local y = m:forward(x)
   tester:assert(y:isSetTo(x) and x[2] == -6, 'input scaled in place')
   local go = torch.Tensor({ 1, 1 })
   local gi = m:backward(x, go)
   tester:assert(gi:isSetTo(go) and gi[1] == 3, 'gradOutput scaled in place')
   tester:eq(H.maxDiff(x, torch.Tensor({ 1, -2 })), 0, 'input restored')
   tester:assert(not pcall(function() nn.MulConstant('a') end), 'constant must be a number')
   tester:assert(not pcall(function() nn.MulConstant(2, 1) end), 'flag must be boolean')
end

function tests.clearStateAndToString()
   H.common(tester, nn.MulConstant(2), 'nn.MulConstant')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.MulConstant(-1.5), torch.rand(3, 4))
end

tester:add(tests)
return tester
