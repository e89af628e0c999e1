-- nn.SpatialDepthWiseConvolution: every input plane convolved with its own set of filters.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- The plain convolution of input plane c: nOutputPlane filters over one plane.
local function planeConv(m, c)
   local p = nn.SpatialConvolution(1, m.nOutputPlane, m.kW, m.kH, m.dW, m.dH, m.padW, m.padH)
   local w = m.weight:view(m.nOutputPlane, m.nInputPlane, m.kH, m.kW)
   p.weight:copy(w:select(2, c))
   p.bias:copy(m.bias:select(2, c))
   return p
end

function tests.matchesPlaneByPlaneConvolution()
   torch.manualSeed(41)
   local m = nn.SpatialDepthWiseConvolution(3, 2, 3, 2, 2, 1, 1, 0)
   local x = torch.rand(2, 3, 6, 7)
   local y = m:forward(x)
   tester:eq(H.sizes(y), '2x6x5x4', 'output size')
   local go = torch.rand(y:size())
   local gi = m:backward(x, go)
   for c = 1, 3 do
      local p = planeConv(m, c)
      local xc, goc = x:narrow(2, c, 1), go:narrow(2, 2 * c - 1, 2)
      tester:assert(H.maxDiff(y:narrow(2, 2 * c - 1, 2), p:forward(xc)) < 1e-12,
         'output planes of input plane ' .. c)
      p:zeroGradParameters()
      tester:assert(H.maxDiff(gi:narrow(2, c, 1), p:backward(xc, goc)) < 1e-12,
         'gradInput of plane ' .. c)
      local gw = m.gradWeight:view(2, 3, 2, 3):select(2, c)
      tester:assert(H.maxDiff(gw, p.gradWeight:view(2, 2, 3)) < 1e-12, 'gradWeight ' .. c)
      tester:assert(H.maxDiff(m.gradBias:select(2, c), p.gradBias) < 1e-12, 'gradBias ' .. c)
   end
end

function tests.jacobian()
   torch.manualSeed(43)
   H.jacobian(tester, nn.SpatialDepthWiseConvolution(2, 3, 3, 3), torch.Tensor(2, 5, 5))
   H.jacobian(tester, nn.SpatialDepthWiseConvolution(3, 2, 2, 3, 2, 1, 1, 1),
      torch.Tensor(2, 3, 5, 6))
   H.jacobian(tester, nn.SpatialDepthWiseConvolution(2, 2, 2, 2):noBias(), torch.Tensor(2, 4, 3))
end

function tests.batchMatchesSingle()
   torch.manualSeed(47)
   local m = nn.SpatialDepthWiseConvolution(2, 3, 3, 2, 1, 2, 1, 1)
   local x = torch.rand(3, 2, 6, 5)
   local y = m:forward(x):clone()
   local go = torch.rand(y:size())
   local gi = m:backward(x, go):clone()
   for i = 1, 3 do
      tester:assert(H.maxDiff(m:forward(x[i]), y[i]) < 1e-12, 'forward of sample ' .. i)
      tester:assert(H.maxDiff(m:backward(x[i], go[i]), gi[i]) < 1e-12,
         'backward of sample ' .. i)
   end
end

function tests.errors()
   local function fails(f, pattern, msg)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find(pattern) ~= nil, msg .. ': ' .. tostring(err))
   end
   fails(function()
      nn.SpatialDepthWiseConvolution(2, 2, 2, 2):forward(torch.rand(4, 4))
   end, 'nn.SpatialDepthWiseConvolution: input must be 3%-D', 'input rank')
   fails(function()
      nn.SpatialDepthWiseConvolution(2, 2, 2, 2):forward(torch.rand(3, 4, 4))
   end, 'input has 3 planes, expected 2', 'planes')
   fails(function()
      nn.SpatialDepthWiseConvolution(1, 1, 5, 5):forward(torch.rand(1, 4, 4))
   end, 'too small', 'window bigger than the input')
end

function tests.saveLoadAndCommon()
   torch.manualSeed(53)
   local m = nn.SpatialDepthWiseConvolution(2, 3, 3, 3, 1, 1, 1, 1)
   tester:eq(H.sizes(m.weight), '3x18', 'weight layout')
   tester:eq(H.sizes(m.bias), '3x2', 'bias layout')
   H.roundTrip(tester, m, torch.rand(2, 2, 5, 5))
   H.common(tester, m, 'nn.SpatialDepthWiseConvolution(2 -> 3, 3x3, 1,1, 1,1)')
   H.common(tester, nn.SpatialDepthWiseConvolution(1, 2, 3, 2):noBias(),
      'nn.SpatialDepthWiseConvolution(1 -> 2, 3x2) without bias')
end

tester:add(tests)
return tester
