-- nn.SpatialAutoCropMSECriterion: MSE against the centre crop of a larger target.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.matchesMSEOnCentreCrop()
   for _, average in ipairs({ true, false }) do
      local c, mse = nn.SpatialAutoCropMSECriterion(average), nn.MSECriterion(average)
      -- batch: 2x3 channels, 4x5 input, 7x6 target -> rows 2..5, columns 1..5
      local x, t = torch.randn(2, 3, 4, 5), torch.randn(2, 3, 7, 6)
      local crop = t[{ {}, {}, { 2, 5 }, { 1, 5 } }]
      tester:eq(c:forward(x, t), mse:forward(x, crop), 'batch loss')
      tester:eq(H.maxDiff(c:backward(x, t), mse:backward(x, crop)), 0, 'batch gradient')
      -- single image, equal size target
      x, t = torch.randn(3, 4, 4), torch.randn(3, 4, 4)
      tester:eq(c:forward(x, t), mse:forward(x, t), 'same size loss')
      tester:eq(H.maxDiff(c:backward(x, t), mse:backward(x, t)), 0, 'same size gradient')
   end
end

function tests.valueByDefinition()
   local x = torch.zeros(1, 1, 1)
   local t = torch.Tensor({ { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } } })
   tester:eq(nn.SpatialAutoCropMSECriterion():forward(x, t), 25, 'centre element')
   t = torch.Tensor({ { { 1, 2 }, { 3, 4 } } })
   tester:eq(nn.SpatialAutoCropMSECriterion():forward(x, t), 1, 'even margin rounds down')
end

function tests.jacobian()
   torch.manualSeed(17)
   H.criterionJacobian(tester, nn.SpatialAutoCropMSECriterion(), torch.randn(2, 3, 3),
      torch.randn(2, 5, 4))
   H.criterionJacobian(tester, nn.SpatialAutoCropMSECriterion(false), torch.randn(2, 1, 2, 3),
      torch.randn(2, 1, 3, 3))
end

function tests.errors()
   local c = nn.SpatialAutoCropMSECriterion()
   local cases = {
      { torch.rand(3, 3, 3), torch.rand(4, 3, 3), 'differ in dimension 1' },
      { torch.rand(2, 4, 3, 3), torch.rand(2, 3, 3, 3), 'differ in dimension 2' },
      { torch.rand(2, 3, 3, 3), torch.rand(1, 3, 3, 3), 'differ in dimension 1' },
      { torch.rand(2, 5, 5), torch.rand(2, 5, 4), 'larger than target' },
      { torch.rand(1, 2, 5, 5), torch.rand(1, 2, 4, 5), 'larger than target' },
      { torch.rand(5, 5), torch.rand(5, 5), '3D' },
      { torch.rand(2, 5, 5), torch.rand(1, 2, 5, 5), '3D' },
   }
   for i, case in ipairs(cases) do
      tester:assertErrorPattern(function() c:forward(case[1], case[2]) end, case[3],
         'forward case ' .. i)
      tester:assertErrorPattern(function() c:backward(case[1], case[2]) end, case[3],
         'backward case ' .. i)
   end
end

function tests.toStringAndRoundTrip()
   tester:eq(tostring(nn.SpatialAutoCropMSECriterion()), 'nn.SpatialAutoCropMSECriterion',
      'tostring')
   H.criterionRoundTrip(tester, nn.SpatialAutoCropMSECriterion(false), torch.randn(2, 2, 2),
      torch.randn(2, 4, 3))
end

tester:add(tests)
return tester
