-- nn.utils helpers and nn.Jacobian.testAllUpdate.
require 'nn'
local tester = torch.Tester()
local tests = {}

function tests.recursiveFillAndAdd()
   local t = { torch.Tensor(2), { torch.Tensor(3) } }
   nn.utils.recursiveFill(t, 2)
   tester:eq(t[2][1][3], 2)
   local u = { torch.Tensor(2):fill(1), { torch.Tensor(3):fill(1) } }
   nn.utils.recursiveAdd(u, 3, t)
   tester:eq(u[1][2], 7)
   tester:eq(u[2][1][1], 7)
   tester:assertError(function() nn.utils.recursiveFill(5, 1) end)
end

function tests.addSingletonDimensionSharesStorage()
   local t = torch.Tensor({{1, 2, 3}, {4, 5, 6}})
   local v = nn.utils.addSingletonDimension(t, 2)
   tester:assertTableEq(v:size():totable(), {2, 1, 3})
   v[2][1][3] = 60
   tester:eq(t[2][3], 60)
   local out = torch.Tensor()
   nn.utils.addSingletonDimension(out, t, 3)
   tester:assertTableEq(out:size():totable(), {2, 3, 1})
end

function tests.contiguousViewCopiesOnlyWhenNeeded()
   local t = torch.range(1, 6):view(2, 3)
   local v = nn.utils.contiguousView(nil, t, 3, 2)
   tester:assert(v:isSetTo(t:view(3, 2)), 'a contiguous input is viewed, not copied')
   local w = nn.utils.contiguousView(nil, t:t(), 6)
   tester:assertTableEq(w:totable(), {1, 4, 2, 5, 3, 6})
end

function tests.testAllUpdateAgreesForLinear()
   local errors = nn.Jacobian.testAllUpdate(nn.Linear(4, 3), torch.randn(2, 4), 'weight',
      'gradWeight')
   local count = 0
   for name, err in pairs(errors) do
      tester:assertlt(err, 1e-10, name)
      count = count + 1
   end
   tester:eq(count, 4)
end

function tests.uniformBound()
   tester:eq(nn.utils.uniformBound(0.5, 9), 0.5 * math.sqrt(3))
   tester:eq(nn.utils.uniformBound(nil, 9), 1 / 3)
end

-- Each reset(stdv) built on uniformBound draws its first parameter from [-bound, bound]:
-- stdv * sqrt(3) when given, else 1/sqrt(fan-in).
function tests.resetDrawsWithinTheUniformBound()
   local cases = {
      { function() return nn.Linear(5, 3) end, 'weight', 5 },
      { function() return nn.Add(6) end, 'bias', 6 },
      { function() return nn.CAdd(2, 3) end, 'bias', 6 },
      { function() return nn.CMul(2, 3) end, 'weight', 6 },
      { function() return nn.Mul() end, 'weight', 1 },
      { function() return nn.Cosine(4, 3) end, 'weight', 3 },
      { function() return nn.Euclidean(4, 3) end, 'weight', 4 },
      { function() return nn.WeightedEuclidean(4, 3) end, 'weight', 4 },
      { function() return nn.Bilinear(4, 5, 3) end, 'weight', 4 },
      { function() return nn.SparseLinear(7, 2) end, 'weight', 7 },
      { function() return nn.IndexLinear(7, 2) end, 'weight', 2 },
      { function() return nn.LinearWeightNorm(5, 3) end, 'weight', 5 },
      { function() return nn.SpatialSubSampling(2, 3, 2) end, 'weight', 6 },
      { function() return nn.TemporalSubSampling(2, 3) end, 'weight', 3 },
      { function() return nn.SpatialConvolution(2, 3, 3, 2) end, 'weight', 12 },
   }
   for _, case in ipairs(cases) do
      local m, field, fanIn = case[1](), case[2], case[3]
      local name = torch.typename(m)
      for _, stdv in ipairs({ 0.25, false }) do
         local bound = stdv and stdv * math.sqrt(3) or 1 / math.sqrt(fanIn)
         torch.manualSeed(11)
         m:reset(stdv or nil)
         torch.manualSeed(11)
         local want = m[field]:clone():uniform(-bound, bound)
         tester:eq((m[field] - want):abs():max(), 0, name .. ' draw')
      end
   end
end

tester:add(tests)
return tester
