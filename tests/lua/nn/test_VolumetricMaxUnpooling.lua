-- nn.VolumetricMaxUnpooling: inverse of a VolumetricMaxPooling through its packed indices.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.unpoolsToTheMaxPositions()
   torch.manualSeed(201)
   local pool = nn.VolumetricMaxPooling(2, 2, 2)
   local unpool = nn.VolumetricMaxUnpooling(pool)
   local x = torch.rand(2, 3, 4, 4, 6)
   local y = unpool:forward(pool:forward(x))
   tester:assert(y:isSameSizeAs(x), 'input size restored')
   local kept = torch.ne(y, 0)
   tester:eq(kept:sum(), 2 * 3 * 2 * 2 * 3, 'one value per window')
   tester:eq(H.maxDiff(torch.cmul(x, kept:double()), y), 0, 'values at their max positions')
   -- pooling the unpooled volume gives the pooled values back
   tester:eq(H.maxDiff(nn.VolumetricMaxPooling(2, 2, 2):forward(y), pool.output), 0, 'inverse')
end

function tests.valuesByDefinitionWithPadding()
   -- window 3 in width with pad 1: windows cover columns 0..1 and 2..4 (0-based)
   local x = torch.Tensor({ { { { 1, 4, 2, 9, 3 } } } })
   local pool = nn.VolumetricMaxPooling(1, 3, 1, 1, 3, 1, 0, 1, 0)
   local unpool = nn.VolumetricMaxUnpooling(pool)
   local y = unpool:forward(pool:forward(x))
   tester:eq(H.maxDiff(y, torch.Tensor({ { { { 0, 4, 0, 9, 0 } } } })), 0, 'padded windows')
   local gi = unpool:backward(pool.output, torch.Tensor({ { { { 1, 2, 3, 4, 5 } } } }))
   tester:eq(H.maxDiff(gi, torch.Tensor({ { { { 2, 4 } } } })), 0, 'gradient read back')
end

function tests.jacobianSingleAndBatch()
   torch.manualSeed(202)
   local pool = nn.VolumetricMaxPooling(2, 3, 2, 2, 3, 2, 1, 1, 0)
   local unpool = nn.VolumetricMaxUnpooling(pool)
   pool:forward(torch.rand(2, 3, 4, 4))
   H.jacobian(tester, unpool, pool.output:clone())
   pool:forward(torch.rand(2, 2, 4, 2, 6))
   H.jacobian(tester, unpool, pool.output:clone())
end

function tests.batchMatchesSingle()
   torch.manualSeed(203)
   local pool = nn.VolumetricMaxPooling(2, 2, 2)
   local unpool = nn.VolumetricMaxUnpooling(pool)
   local x = torch.rand(3, 2, 2, 4, 4)
   local y = unpool:forward(pool:forward(x)):clone()
   for n = 1, 3 do
      tester:eq(H.maxDiff(unpool:forward(pool:forward(x[n])), y[n]), 0, 'item ' .. n)
   end
end

function tests.errors()
   tester:assert(not pcall(function() nn.VolumetricMaxUnpooling(nn.Identity()) end),
      'needs a VolumetricMaxPooling')
   local ok, err = pcall(function()
      nn.VolumetricMaxUnpooling(nn.VolumetricMaxPooling(3, 3, 3, 2, 2, 2))
   end)
   tester:assert(not ok and tostring(err):find('stride', 1, true), tostring(err))
   local pool = nn.VolumetricMaxPooling(2, 2, 2)
   local unpool = nn.VolumetricMaxUnpooling(pool)
   pool:forward(torch.rand(1, 4, 4, 4))
   ok, err = pcall(function() unpool:forward(torch.rand(1, 3, 2, 2)) end)
   tester:assert(not ok and tostring(err):find('nn.VolumetricMaxUnpooling', 1, true),
      tostring(err))
   unpool:forward(pool.output)
   ok, err = pcall(function() unpool:backward(pool.output, torch.rand(1, 4, 4, 3)) end)
   tester:assert(not ok and tostring(err):find('gradOutput', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.VolumetricMaxUnpooling(nn.VolumetricMaxPooling(2, 2, 2)),
      'nn.VolumetricMaxUnpooling associated to nn.VolumetricMaxPooling(2x2x2, 2,2,2)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(204)
   local pool = nn.VolumetricMaxPooling(2, 2, 2)
   local net = nn.Sequential():add(pool):add(nn.VolumetricMaxUnpooling(pool))
   H.roundTrip(tester, net, torch.rand(2, 4, 4, 4))
end

tester:add(tests)
return tester
