-- nn.Decorator: a container of one module that passes every call on; the base of Bottle,
-- NaN, DontCast and WeightNorm.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.passesEveryCallOn()
   torch.manualSeed(61)
   local inner = nn.Linear(3, 2)
   local d = nn.Decorator(inner)
   local ref = inner:clone()
   local x, g = torch.randn(4, 3), torch.randn(4, 2)
   tester:eq(H.maxDiff(d:forward(x), ref:forward(x)), 0, 'forward')
   d:zeroGradParameters(); ref:zeroGradParameters()
   tester:eq(H.maxDiff(d:backward(x, g, 0.5), ref:backward(x, g, 0.5)), 0, 'gradInput')
   tester:eq(H.maxDiff(inner.gradWeight, ref.gradWeight), 0, 'parameter gradients')
   d:accUpdateGradParameters(x, g, 0.1); ref:accUpdateGradParameters(x, g, 0.1)
   tester:eq(H.maxDiff(inner.weight, ref.weight), 0, 'accUpdateGradParameters')
   H.jacobian(tester, nn.Decorator(nn.Tanh()), torch.Tensor(2, 3))
end

function tests.subclassesAndDecorate()
   for _, m in ipairs({ nn.Bottle(nn.Linear(2, 2)), nn.NaN(nn.Tanh()), nn.DontCast(nn.Tanh()),
         nn.WeightNorm(nn.Linear(2, 2)) }) do
      tester:assert(torch.isTypeOf(m, 'nn.Decorator'), torch.type(m) .. ' is a Decorator')
   end
   local Plain = torch.class('nn.PbDecoratedTest', 'nn.Container')
   nn.Decorator.decorate(Plain)
   local p = nn.PbDecoratedTest()
   p.modules[1] = nn.Tanh()
   local x = torch.randn(3)
   tester:eq(H.maxDiff(p:forward(x), nn.Tanh():forward(x)), 0, 'decorate gives the forwarding')
   tester:eq(tostring(p), 'nn.PbDecoratedTest @ nn.Tanh', 'and the printing')
end

function tests.errorsPrintingAndRoundTrip()
   local ok, err = pcall(function() nn.Decorator(3) end)
   tester:assert(not ok and tostring(err):find('nn.Decorator: expecting a module', 1, true)
      ~= nil, tostring(err))
   tester:eq(tostring(nn.Decorator(nn.Linear(2, 3))), 'nn.Decorator @ nn.Linear(2 -> 3)')
   torch.manualSeed(62)
   H.roundTrip(tester, nn.Decorator(nn.Linear(3, 2)), torch.randn(2, 3))
   H.common(tester, nn.Decorator(nn.Tanh()), 'nn.Decorator @ nn.Tanh')
end

tester:add(tests)
return tester
