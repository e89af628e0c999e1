-- nn.SpatialMaxUnpooling: inverse of a SpatialMaxPooling through its indices.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.unpoolsToTheMaxPositions()
   torch.manualSeed(101)
   local pool = nn.SpatialMaxPooling(2, 2)
   local unpool = nn.SpatialMaxUnpooling(pool)
   local x = torch.rand(2, 3, 4, 6)
   local y = unpool:forward(pool:forward(x))
   tester:assert(y:isSameSizeAs(x), 'input size restored')
   local kept = torch.ne(y, 0)
   tester:eq(kept:sum(), 2 * 3 * 2 * 3, 'one value per window')
   tester:eq(H.maxDiff(torch.cmul(x, kept:double()), y), 0, 'values at their max positions')
end

function tests.jacobian()
   torch.manualSeed(102)
   local pool = nn.SpatialMaxPooling(2, 2)
   local unpool = nn.SpatialMaxUnpooling(pool)
   pool:forward(torch.rand(2, 4, 4))
   H.jacobian(tester, unpool, torch.Tensor(2, 2, 2))
   pool:forward(torch.rand(2, 2, 4, 6))
   H.jacobian(tester, unpool, torch.Tensor(2, 2, 2, 3))
end

function tests.constructorChecks()
   tester:assert(not pcall(function() nn.SpatialMaxUnpooling(nn.Identity()) end),
      'needs a SpatialMaxPooling')
   local ok, err = pcall(function() nn.SpatialMaxUnpooling(nn.SpatialMaxPooling(3, 3, 2, 2)) end)
   tester:assert(not ok and tostring(err):find('stride', 1, true), tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.SpatialMaxUnpooling(nn.SpatialMaxPooling(2, 2)),
      'nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(103)
   local pool = nn.SpatialMaxPooling(2, 2)
   local net = nn.Sequential():add(pool):add(nn.SpatialMaxUnpooling(pool))
   H.roundTrip(tester, net, torch.rand(2, 4, 4))
end

tester:add(tests)
return tester
