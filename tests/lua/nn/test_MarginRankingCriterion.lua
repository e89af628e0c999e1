-- nn.MarginRankingCriterion: ranking hinge loss, batches or single pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function jacobian(c, input, target) H.criterionJacobian(tester, c, input, target) end
local function roundTrip(c, input, target) H.criterionRoundTrip(tester, c, input, target) end

function tests.jacobian()
   torch.manualSeed(62)
   jacobian(nn.MarginRankingCriterion(0.5), { torch.randn(5), torch.randn(5) },
      torch.Tensor({ 1, -1, 1, 1, -1 }))
   local c = nn.MarginRankingCriterion(2)
   c.sizeAverage = false
   jacobian(c, { torch.randn(4), torch.randn(4) }, torch.Tensor({ 1, 1, -1, -1 }))
end

function tests.values()
   local c = nn.MarginRankingCriterion()
   tester:eq(c.margin, 1, 'default margin')
   local x = { torch.Tensor({ 3, 0.5 }), torch.Tensor({ 1, 1 }) }
   tester:eq(c:forward(x, torch.Tensor({ 1, 1 })), 0.75, 'mean of max(0, -y (x1 - x2) + 1)')
   local g = c:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(g[1], torch.Tensor({ 0, -0.5 }), 'gradient of x1')
   tester:eq(g[2], torch.Tensor({ 0, 0.5 }), 'gradient of x2')
   local one = { torch.Tensor({ 0.5 }), torch.Tensor({ 1 }) }
   tester:eq(c:forward(one, -1), 0.5, 'single pair with a number label')
   local g1 = c:backward(one, -1)
   tester:eq(g1[1][1], 1, 'single pair gradient')
   tester:eq(g1[2][1], -1, 'single pair gradient of x2')
end

function tests.toString()
   tester:eq(tostring(nn.MarginRankingCriterion()), 'nn.MarginRankingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   roundTrip(nn.MarginRankingCriterion(0.3), { torch.randn(4), torch.randn(4) },
      torch.Tensor({ 1, -1, -1, 1 }))
end

tester:add(tests)
return tester
