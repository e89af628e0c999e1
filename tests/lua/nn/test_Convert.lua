-- nn.Convert: layout changes named by axis letters, and tensor type conversion.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.transposeBatch()
   local c = nn.Convert('bchw', 'chwb')
   local x = torch.randn(4, 3, 2, 5)
   local y = c:forward(x)
   tester:eq(H.sizes(y), '3x2x5x4', 'size')
   tester:eq(H.maxDiff(y, x:permute(2, 3, 4, 1)), 0, 'values')
   tester:eq(H.maxDiff(c:backward(x, y), x), 0, 'gradient undoes the transposition')
   tester:eq(torch.type(c.modules[1]), 'nn.Transpose', 'converter kept as modules[1]')
   tester:assert(c.converter == c.modules[1], 'converter field')
   tester:assert(c.transposition, 'transposition flag')
   tester:eq(H.maxDiff(nn.Convert('bhwc', 'bchw'):forward(x), x:permute(1, 4, 2, 3)), 0,
      'bhwc -> bchw')
end

function tests.flattenBatch()
   local x = torch.randn(4, 3, 2, 2)
   local c = nn.Convert('bchw', 'bf')
   tester:eq(H.maxDiff(c:forward(x), x:view(4, -1)), 0, 'bchw -> bf')
   tester:eq(H.maxDiff(c:backward(x, x:view(4, -1)), x), 0, 'bf gradient')
   tester:eq(H.maxDiff(nn.Convert('chwb', 'bf'):forward(x),
      x:transpose(1, 4):contiguous():view(2, -1)), 0, 'batch moved first, then flattened')
   local fb = torch.randn(3, 5)
   tester:eq(H.maxDiff(nn.Convert('fb', 'bf'):forward(fb), fb:t()), 0, 'fb -> bf')
   tester:eq(H.sizes(nn.Convert('b', 'bf'):forward(torch.randn(5))), '5x1', 'b -> bf')
end

function tests.toScalarAndTargets()
   local bt = torch.randn(4, 3)
   tester:eq(H.maxDiff(nn.Convert('bt', 'b'):forward(bt), bt:select(2, 1)), 0, 'bt -> b')
   local bf = torch.randn(4, 1)
   tester:eq(H.maxDiff(nn.Convert('bf', 'b'):forward(bf), bf:view(4)), 0, 'bf -> b')
   tester:eq(H.sizes(nn.Convert('b', 'bt'):forward(torch.randn(6))), '6x1', 'b -> bt')
end

function tests.nonBatch()
   local x = torch.randn(3, 4, 5)
   local c = nn.Convert('chw', 'hwc')
   local y = c:forward(x)
   tester:eq(H.maxDiff(y, x:permute(2, 3, 1)), 0, 'chw -> hwc')
   tester:assert(not c.batchMode, 'batchMode off')
   tester:eq(H.maxDiff(c:backward(x, y), x), 0, 'gradient')
   local f = nn.Convert('chw', 'f')
   tester:eq(H.maxDiff(f:forward(x), x:view(-1)), 0, 'chw -> f')
   tester:eq(H.sizes(f:backward(x, torch.randn(60))), '3x4x5', 'gradient size')
   -- a batch through the same module
   local xb = torch.randn(2, 3, 4, 5)
   tester:eq(H.maxDiff(f:forward(xb), xb:view(2, -1)), 0, 'batch after single')
   tester:assert(f.batchMode, 'batchMode on')
end

function tests.typeConversion()
   local x = torch.randn(2, 3, 2, 2)
   local c = nn.Convert('bchw', 'bf'):float()
   local y = c:forward(x)
   tester:eq(torch.type(y), 'torch.FloatTensor', 'output in the module type')
   tester:assert(H.maxDiff(y:double(), x:view(2, -1)) < 1e-6, 'values')
   local gi = c:backward(x, y)
   tester:eq(torch.type(gi), 'torch.DoubleTensor', 'gradInput in the input type')
   tester:assert(H.maxDiff(gi, x) < 1e-6, 'gradient values')
   tester:eq(torch.type(c:forward(x:float())), 'torch.FloatTensor', 'same type input')
   local plain = nn.Convert():float()
   tester:eq(plain.inputShape, 'b*', 'default shape')
   tester:eq(torch.type(plain:forward(torch.randn(3, 2))), 'torch.FloatTensor', 'b* converts')
end

function tests.jacobian()
   torch.manualSeed(41)
   H.jacobian(tester, nn.Convert('bchw', 'bhwc'), torch.rand(2, 3, 2, 2))
   H.jacobian(tester, nn.Convert('chw', 'f'), torch.rand(2, 3, 2))
   H.jacobian(tester, nn.Convert('fb', 'bf'), torch.rand(3, 4))
end

function tests.errors()
   tester:assertErrorPattern(function() nn.Convert(nil, 'bf') end, 'needs an inputShape', 'arg 1')
   tester:assertErrorPattern(function() nn.Convert('b*', 'bf') end, 'b%*', 'b* with another')
   tester:assertErrorPattern(function() nn.Convert('bt', 'bf'):forward(torch.rand(2, 3)) end,
      'bt to bf', 'bt -> bf')
   tester:assertErrorPattern(function() nn.Convert('bf', 'b'):forward(torch.rand(2, 3)) end,
      'more than one feature', 'bf -> b')
   tester:assertErrorPattern(function() nn.Convert('bchw', 'bt'):forward(torch.rand(2, 3, 2, 2))
   end, 'to bt', 'bchw -> bt')
   tester:assertErrorPattern(function() nn.Convert('bchw', 'bchwx'):forward(torch.rand(1, 1, 1, 1))
   end, 'no conversion', 'unknown shape')
   tester:assertErrorPattern(function() nn.Convert('bf'):forward({}) end, 'tensor', 'table')
   tester:assertErrorPattern(function() nn.Convert('bf'):findAxis('c') end, "no axis 'c'",
      'findAxis')
   tester:eq(nn.Convert('bf'):findAxis('c', nil, true), nil, 'findAxis silent')
end

function tests.clearStateAndToString()
   local c = nn.Convert('chw', 'f')
   c:forward(torch.rand(2, 2, 2))
   H.common(tester, c, 'nn.Convert')
   tester:eq(c.__input, nil, 'buffers dropped')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Convert('bchw', 'chwb'), torch.rand(2, 3, 2, 2))
   H.roundTrip(tester, nn.Convert('chw', 'f'), torch.rand(2, 3, 2))
end

tester:add(tests)
return tester
