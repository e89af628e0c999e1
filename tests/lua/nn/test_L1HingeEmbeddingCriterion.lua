-- nn.L1HingeEmbeddingCriterion: L1 distance of a pair, hinged for dissimilar pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function jacobian(c, input, target) H.criterionJacobian(tester, c, input, target) end
local function roundTrip(c, input, target) H.criterionRoundTrip(tester, c, input, target) end

function tests.jacobian()
   torch.manualSeed(60)
   jacobian(nn.L1HingeEmbeddingCriterion(), { torch.randn(4), torch.randn(4) }, 1)
   jacobian(nn.L1HingeEmbeddingCriterion(10), { torch.randn(4), torch.randn(4) }, -1)
end

function tests.values()
   local c = nn.L1HingeEmbeddingCriterion(5)
   local x = { torch.Tensor({ 1, 2 }), torch.Tensor({ 0, 4 }) }
   tester:eq(c:forward(x, 1), 3, 'L1 distance for y = 1')
   tester:eq(c:forward(x, -1), 2, 'margin - distance for y = -1')
   local g = c:backward(x, -1)
   tester:eq(g[1], torch.Tensor({ -1, 1 }), 'dissimilar gradient')
   tester:eq(g[2], torch.Tensor({ 1, -1 }), 'opposite gradient')
   c.margin = 2
   tester:eq(c:forward(x, -1), 0, 'past the margin')
   tester:eq(c:backward(x, -1)[1], torch.Tensor({ 0, 0 }), 'no gradient past the margin')
   tester:eq(nn.L1HingeEmbeddingCriterion().margin, 1, 'default margin')
end

function tests.tiesDrawRandomSigns()
   local c = nn.L1HingeEmbeddingCriterion()
   local x = { torch.Tensor({ 1, 2, 3 }), torch.Tensor({ 1, 0, 3 }) }
   torch.manualSeed(3)
   local g = c:backward(x, 1)[1]:clone()
   torch.manualSeed(3)
   local s1, s3 = 2 * torch.random(2) - 3, 2 * torch.random(2) - 3
   tester:eq(g, torch.Tensor({ s1, 1, s3 }), 'one torch.random(2) per tie, in order')
end

function tests.toString()
   tester:eq(tostring(nn.L1HingeEmbeddingCriterion()), 'nn.L1HingeEmbeddingCriterion', 'tostring')
end

function tests.saveLoadRoundTrip()
   roundTrip(nn.L1HingeEmbeddingCriterion(3), { torch.randn(3), torch.randn(3) }, -1)
end

tester:add(tests)
return tester
