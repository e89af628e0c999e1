-- nn.WeightedMSECriterion: squared error against target * weight.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesByDefinition()
   local w = torch.Tensor({ 2, 0.5 })
   local c = nn.WeightedMSECriterion(w)
   local x, t = torch.Tensor({ 1, 3 }), torch.Tensor({ 1, 2 })
   -- weighted target (2, 1): errors -1, 2
   tester:eq(c:forward(x, t), 2.5, 'mean')
   tester:eq(H.maxDiff(c:backward(x, t), torch.Tensor({ -1, 2 })), 0, 'mean gradient')
   c.sizeAverage = false
   tester:eq(c:forward(x, t), 5, 'sum')
   tester:assert(c.weight ~= w and c.weight:isSameSizeAs(w), 'weight is a copy')
end

function tests.batchWeightPerSample()
   torch.manualSeed(841)
   local w = torch.rand(3, 2)
   local x, t = torch.randn(4, 3, 2), torch.randn(4, 3, 2)
   local c = nn.WeightedMSECriterion(w)
   local loss = c:forward(x, t)
   local expected = 0
   for i = 1, 4 do
      expected = expected + nn.MSECriterion(false):forward(x[i], torch.cmul(t[i], w))
   end
   tester:assert(math.abs(loss - expected / x:nElement()) < 1e-12, 'weight repeated per sample')
end

function tests.jacobian()
   torch.manualSeed(842)
   H.criterionJacobian(tester, nn.WeightedMSECriterion(torch.rand(4)), torch.randn(4),
      torch.randn(4))
   local c = nn.WeightedMSECriterion(torch.rand(3))
   c.sizeAverage = false
   H.criterionJacobian(tester, c, torch.randn(2, 3), torch.randn(2, 3))
   H.criterionJacobian(tester, nn.WeightedMSECriterion(torch.rand(2, 3)), torch.randn(2, 3),
      torch.randn(2, 3))
end

function tests.errors()
   tester:assert(not pcall(function() nn.WeightedMSECriterion() end), 'weight required')
   local ok, err = pcall(function()
      nn.WeightedMSECriterion(torch.rand(5)):forward(torch.rand(2, 3), torch.rand(2, 3))
   end)
   tester:assert(not ok and err:find('nn.WeightedMSECriterion', 1, true) ~= nil, 'bad weight')
   tester:assert(not pcall(function()
      nn.WeightedMSECriterion(torch.rand(2, 2)):forward(torch.rand(2, 3), torch.rand(2, 3))
   end), 'same dimensions, other size')
end

function tests.typeAndToString()
   local c = nn.WeightedMSECriterion(torch.rand(3)):float()
   tester:eq(torch.type(c.weight), 'torch.FloatTensor', 'weight converted')
   tester:eq(tostring(c), 'nn.WeightedMSECriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(843)
   H.criterionRoundTrip(tester, nn.WeightedMSECriterion(torch.rand(3)), torch.randn(2, 3),
      torch.randn(2, 3))
end

tester:add(tests)
return tester
