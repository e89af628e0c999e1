-- nn.MaskedSelect: the elements of a tensor where a mask is 1.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesByDefinition()
   local m = nn.MaskedSelect()
   local x = torch.Tensor({ { 10, 20 }, { 30, 40 } })
   local mask = torch.ByteTensor({ { 1, 0 }, { 0, 1 } })
   tester:eq(H.maxDiff(m:forward({ x, mask }), torch.Tensor({ 10, 40 })), 0, 'selected')
   local gi = m:backward({ x, mask }, torch.Tensor({ 20, 80 }))
   tester:eq(H.maxDiff(gi[1], torch.Tensor({ { 20, 0 }, { 0, 80 } })), 0, 'scattered back')
   tester:eq(torch.type(gi[2]), 'torch.ByteTensor', 'mask gradient type')
   tester:eq(gi[2]:sum(), 0, 'mask gradient is zero')
   tester:assert(gi[2]:isSameSizeAs(mask), 'mask gradient size')
end

function tests.matchesTensorMaskedSelect()
   torch.manualSeed(861)
   local x = torch.randn(4, 5)
   local mask = torch.ByteTensor(4, 5):bernoulli()
   local y = nn.MaskedSelect():forward({ x, mask })
   tester:eq(H.maxDiff(y, x:maskedSelect(mask)), 0, 'same as Tensor:maskedSelect')
end

-- The module is linear in its input: backward must be the adjoint of forward,
-- <forward(x), g> = <x, backward(g)> for every x and g.
function tests.gradientIsAdjoint()
   torch.manualSeed(862)
   local m = nn.MaskedSelect()
   local x = torch.randn(3, 2, 4)
   local mask = torch.ByteTensor(3, 2, 4):bernoulli()
   local y = m:forward({ x, mask }):clone()
   local g = torch.randn(y:size())
   local gi = m:backward({ x, mask }, g)
   tester:assert(math.abs(y:dot(g) - x:dot(gi[1])) < 1e-12, 'adjoint identity')
   tester:eq(gi[1]:maskedSelect(mask:eq(0)):abs():sum(), 0, 'zero where unselected')
end

function tests.emptyMaskAndNonContiguousInput()
   local m = nn.MaskedSelect()
   local x = torch.rand(3, 2):t()
   local y = m:forward({ x, torch.ByteTensor(2, 3):zero() })
   tester:eq(y:nElement(), 0, 'nothing selected')
   local all = torch.ByteTensor(2, 3):fill(1)
   tester:eq(H.maxDiff(m:forward({ x, all }), x:contiguous():view(6)), 0, 'storage order')
end

function tests.errors()
   local m = nn.MaskedSelect()
   local ok, err = pcall(function() m:forward(torch.rand(3)) end)
   tester:assert(not ok and err:find('nn.MaskedSelect', 1, true) ~= nil, 'table input')
   ok, err = pcall(function() m:forward({ torch.rand(3), torch.ByteTensor(4):fill(1) }) end)
   tester:assert(not ok and err:find('nn.MaskedSelect', 1, true) ~= nil, 'mask size')
end

function tests.typeKeepsIndexBuffers()
   local m = nn.MaskedSelect():float()
   tester:eq(torch.type(m._gradBuffer), 'torch.FloatTensor', 'gradient buffer converted')
   tester:eq(torch.type(m._gradMask), 'torch.ByteTensor', 'mask gradient stays byte')
   tester:eq(torch.type(m._maskIndices), 'torch.LongTensor', 'indices stay long')
   tester:eq(m:type(), 'torch.FloatTensor', 'type without argument')
   local x = torch.FloatTensor({ 1, 2, 3 })
   local mask = torch.ByteTensor({ 0, 1, 1 })
   tester:eq(torch.type(m:forward({ x, mask })), 'torch.FloatTensor', 'float output')
   local gi = m:backward({ x, mask }, torch.FloatTensor({ 5, 6 }))
   tester:eq(gi[1][3], 6, 'float gradient')
   m:double()
   tester:eq(torch.type(m.gradInput[1]), 'torch.DoubleTensor', 'gradInput table converted')
end

function tests.clearStateAndToString()
   local m = nn.MaskedSelect()
   m:forward({ torch.rand(2), torch.ByteTensor({ 1, 1 }) })
   H.common(tester, m, 'nn.MaskedSelect')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(863)
   H.roundTrip(tester, nn.MaskedSelect(), { torch.rand(3, 4), torch.ByteTensor(3, 4):bernoulli() })
end

tester:add(tests)
return tester
