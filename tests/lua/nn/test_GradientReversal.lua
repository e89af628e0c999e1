-- nn.GradientReversal: identity forward, gradient times -lambda.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.forwardSharesAndGradientIsReversed()
   local x, go = torch.rand(3, 4), torch.rand(3, 4)
   local m = nn.GradientReversal(0.5)
   tester:assert(m:forward(x):isSetTo(x), 'identity forward')
   tester:eq(H.maxDiff(m:backward(x, go), go * -0.5), 0, 'gradient times -lambda')
   m:setLambda(2)
   tester:eq(H.maxDiff(m:backward(x, go), go * -2), 0, 'setLambda')
   tester:eq(nn.GradientReversal().lambda, 1, 'default lambda')
end

function tests.clearStateAndToString()
   H.common(tester, nn.GradientReversal(), 'nn.GradientReversal')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.GradientReversal(0.3), torch.rand(3, 4))
end

tester:add(tests)
return tester
