-- nn.VolumetricDropout: whole feature maps dropped with masks from the torch generator.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.maskComesFromBernoulli()
   local m = nn.VolumetricDropout(0.3)
   local x = torch.rand(2, 3, 2, 3, 3)
   torch.manualSeed(11)
   local y = m:forward(x)
   torch.manualSeed(11)
   local ref = torch.Tensor(2, 3, 1, 1, 1):bernoulli(0.7)
   tester:eq(m.noise, ref, 'one bernoulli(1 - p) draw per map')
   tester:eq(y, torch.cmul(x, ref:expandAs(x)), 'output = input * mask')
   local go = torch.rand(2, 3, 2, 3, 3)
   tester:eq(m:backward(x, go), torch.cmul(go, ref:expandAs(x)), 'gradient masked')
end

function tests.singleSample()
   local m = nn.VolumetricDropout(0.5)
   local x = torch.rand(3, 2, 3, 3)
   torch.manualSeed(12)
   m:forward(x)
   torch.manualSeed(12)
   tester:eq(m.noise, torch.Tensor(3, 1, 1, 1):bernoulli(0.5), 'one draw per map')
end

function tests.evaluating()
   local m = nn.VolumetricDropout(0.25)
   m:evaluate()
   local x = torch.rand(2, 3, 2, 3, 3)
   tester:eq(m:forward(x), x * 0.75, 1e-15, 'scaled by 1 - p')
   tester:assertErrorPattern(function() m:backward(x, x) end, 'only defined while training',
      'no backward while evaluating')
   local s = nn.VolumetricDropout(0.5, true)
   s:evaluate()
   s:forward(x)
   tester:eq(s.noise:dim(), x:dim(), 'stochastic inference keeps drawing')
   tester:eq(s.stochastic_inference, true, 'stochastic_inference field')
end

function tests.jacobianWithoutDrops()
   H.jacobian(tester, nn.VolumetricDropout(0), torch.Tensor(2, 3, 2, 3, 3))
end

function tests.badInputAndSetp()
   tester:assertErrorPattern(function() nn.VolumetricDropout():forward(torch.rand(2, 3, 4)) end,
      'nn.VolumetricDropout: input must be', 'rank checked')
   local m = nn.VolumetricDropout()
   m:setp(0.1)
   tester:eq(m.p, 0.1, 'setp')
end

function tests.clearStateAndToString()
   local m = nn.VolumetricDropout(0.3)
   m:forward(torch.rand(3, 2, 3, 3))
   H.common(tester, m, 'nn.VolumetricDropout(0.300000)')
   tester:eq(m.noise:nElement(), 0, 'noise cleared')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.VolumetricDropout(0), torch.rand(3, 2, 3, 3))
end

tester:add(tests)
return tester
