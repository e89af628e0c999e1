-- nn.ParallelCriterion: weighted sum of criteria over the elements of a table input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function build()
   return nn.ParallelCriterion():add(nn.MSECriterion(), 0.5):add(nn.ClassNLLCriterion())
end

function tests.valuesAndGradients()
   torch.manualSeed(65)
   local x = { torch.randn(2, 3), nn.LogSoftMax():forward(torch.randn(2, 4)):clone() }
   local t = { torch.randn(2, 3), torch.LongTensor({ 4, 2 }) }
   local c = build()
   local mse, nll = nn.MSECriterion(), nn.ClassNLLCriterion()
   local expected = 0.5 * mse:forward(x[1], t[1]) + nll:forward(x[2], t[2])
   tester:assertalmosteq(c:forward(x, t), expected, 1e-15, 'weighted sum')
   local g = c:backward(x, t)
   tester:eq(g[1], mse:backward(x[1], t[1]) * 0.5, 1e-15, 'first gradient weighted')
   tester:eq(g[2], nll:backward(x[2], t[2]), 1e-15, 'second gradient')
end

function tests.jacobian()
   torch.manualSeed(66)
   local c = nn.ParallelCriterion():add(nn.MSECriterion(), 0.3):add(nn.AbsCriterion(), 2)
   local x = { torch.randn(3), torch.randn(2, 2) }
   local t = { torch.randn(3), torch.randn(2, 2) }
   local g = c:backward(x, t)
   for k = 1, 2 do
      local crit = k == 1 and nn.MSECriterion() or nn.AbsCriterion()
      local w = k == 1 and 0.3 or 2
      H.criterionJacobian(tester, crit, x[k], t[k])
      tester:eq(g[k], crit:backward(x[k], t[k]) * w, 1e-15, 'gradient ' .. k)
   end
end

function tests.repeatTarget()
   local c = nn.ParallelCriterion(true):add(nn.MSECriterion()):add(nn.AbsCriterion())
   local x = { torch.Tensor({ 1, 2 }), torch.Tensor({ 0, 0 }) }
   local t = torch.Tensor({ 1, 1 })
   tester:eq(c:forward(x, t), 0.5 + 1, 'every criterion sees the whole target')
   tester:eq(c.weights, { 1, 1 }, 'weights default to 1')
end

function tests.typeResetsGradInput()
   local c = build():float()
   tester:eq(torch.type(c.criterions[1].gradInput), 'torch.FloatTensor', 'children converted')
   local x = { torch.FloatTensor({ { 1, 2 } }), torch.FloatTensor({ { -1, -2 } }) }
   local g = c:backward(x, { torch.FloatTensor({ { 0, 0 } }), torch.LongTensor({ 2 }) })
   tester:eq(torch.type(g[1]), 'torch.FloatTensor', 'float gradients')
end

function tests.toString()
   tester:eq(tostring(build()), 'nn.ParallelCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   local c = build()
   local x = { torch.randn(2, 3), nn.LogSoftMax():forward(torch.randn(2, 4)):clone() }
   local t = { torch.randn(2, 3), torch.LongTensor({ 1, 3 }) }
   local loss = c:forward(x, t)
   local f = torch.MemoryFile()
   f:binary()
   f:writeObject(c)
   f:seek(1)
   local copy = f:readObject()
   tester:eq(copy:forward(x, t), loss, 'loaded loss')
   tester:eq(copy:backward(x, t)[2], c:backward(x, t)[2], 'loaded gradient')
end

tester:add(tests)
return tester
