-- nn.SpatialClassNLLCriterion: negative log-likelihood at every location.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function logProbs(...)
   return nn.SpatialLogSoftMax():forward(torch.randn(...)):clone()
end

function tests.jacobian()
   torch.manualSeed(63)
   local t = torch.LongTensor({ { { 1, 2 }, { 3, 1 } }, { { 2, 2 }, { 3, 3 } } })
   H.criterionJacobian(tester, nn.SpatialClassNLLCriterion(), logProbs(2, 3, 2, 2), t)
   H.criterionJacobian(tester, nn.SpatialClassNLLCriterion(torch.Tensor({ 1, 2, 0.5 })),
      logProbs(2, 3, 2, 2), t)
   H.criterionJacobian(tester, nn.SpatialClassNLLCriterion(torch.Tensor({ 1, 2, 0.5 }), false),
      logProbs(2, 3, 2, 2), t)
end

function tests.matchesClassNLLPerLocation()
   torch.manualSeed(64)
   local x = logProbs(2, 3, 1, 2)
   local t = torch.LongTensor({ { { 3, 1 } }, { { 2, 2 } } })
   local w = torch.Tensor({ 1, 2, 0.5 })
   local c = nn.SpatialClassNLLCriterion(w)
   local flat = x:permute(1, 3, 4, 2):contiguous():view(4, 3)
   local ref = nn.ClassNLLCriterion(w)
   local loss, total = c:forward(x, t)
   tester:assertalmosteq(loss, ref:forward(flat, t:view(4)), 1e-15, 'same loss')
   tester:eq(total, 0.5 + 1 + 2 + 2, 'total weight returned')
   local g = c:backward(x, t):permute(1, 3, 4, 2):contiguous():view(4, 3)
   tester:eq(g, ref:backward(flat, t:view(4)), 1e-15, 'same gradient')
end

function tests.badInput()
   tester:assertErrorPattern(function()
      nn.SpatialClassNLLCriterion():forward(torch.rand(3, 2, 2), torch.LongTensor(2, 2):fill(1))
   end, 'only batches of spatial', '4-D input required')
   tester:assertErrorPattern(function()
      nn.SpatialClassNLLCriterion():forward(torch.rand(1, 3, 2, 2),
         torch.LongTensor(1, 2, 2):fill(4))
   end, 'out of range', 'target range checked')
end

function tests.toString()
   tester:eq(tostring(nn.SpatialClassNLLCriterion()), 'nn.SpatialClassNLLCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   H.criterionRoundTrip(tester, nn.SpatialClassNLLCriterion(torch.Tensor({ 1, 2 })),
      logProbs(1, 2, 2, 2), torch.LongTensor({ { { 1, 2 }, { 2, 2 } } }))
end

tester:add(tests)
return tester
