-- nn.VolumetricDilatedMaxPooling: 3-D max pooling over windows with spaced taps.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesAndPackedIndices()
   local x = torch.Tensor({ 1, 5, 2, 0, 3 }):view(1, 1, 1, 5)
   local m = nn.VolumetricDilatedMaxPooling(1, 2, 1, 1, 1, 1, 0, 0, 0, 1, 2, 1)
   local y = m:forward(x)
   tester:eq(H.sizes(y), '1x1x1x3', 'output size')
   tester:eq(H.maxDiff(y:view(3), torch.Tensor({ 2, 5, 3 })), 0, 'max of x[w] and x[w + 2]')
   tester:eq(m.indices:view(3):totable(), { 65536, 0, 65536 }, 'width tap in the third byte')
   local gi = m:backward(x, torch.Tensor({ 1, 10, 100 }):view(1, 1, 1, 3))
   tester:eq(H.maxDiff(gi:view(5), torch.Tensor({ 0, 10, 1, 0, 100 })), 0, 'gradient routed')
end

function tests.dilationOneMatchesPlainPooling()
   torch.manualSeed(5)
   local x = torch.rand(2, 3, 5, 6, 7)
   local a = nn.VolumetricDilatedMaxPooling(3, 3, 3, 2, 2, 2, 1, 1, 1):ceil()
   local b = nn.VolumetricMaxPooling(3, 3, 3, 2, 2, 2, 1, 1, 1):ceil()
   tester:eq(H.maxDiff(a:forward(x), b:forward(x)), 0, 'forward')
   local go = torch.rand(a.output:size())
   tester:eq(H.maxDiff(a:backward(x, go), b:backward(x, go)), 0, 'backward')
end

function tests.sizes()
   local m = nn.VolumetricDilatedMaxPooling(2, 2, 3, 1, 2, 1, 0, 1, 1, 2, 2, 3)
   -- spans: T 3, H 7, W 3
   tester:eq(H.sizes(m:forward(torch.rand(2, 6, 9, 8))), '2x4x5x4', 'floor')
   m:ceil()
   tester:eq(H.sizes(m:forward(torch.rand(2, 6, 9, 8))), '2x4x5x5', 'ceil')
   tester:eq(m.itime, 6, 'input time recorded')
end

function tests.jacobian()
   torch.manualSeed(17)
   H.jacobian(tester, nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 2, 2, 2),
      torch.Tensor(2, 5, 5, 5))
   H.jacobian(tester, nn.VolumetricDilatedMaxPooling(3, 2, 3, 2, 1, 2, 1, 1, 1, 1, 2, 2):ceil(),
      torch.Tensor(2, 2, 6, 5, 7))
end

function tests.batchMatchesSingle()
   torch.manualSeed(3)
   local m = nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 2, 1, 1, 1, 0, 2, 1, 2)
   local x = torch.rand(3, 2, 6, 6, 6)
   local go = torch.rand(m:forward(x):size())
   local gi = m:backward(x, go):clone()
   local y = m.output:clone()
   for i = 1, 3 do
      tester:eq(H.maxDiff(m:forward(x[i]), y[i]), 0, 'forward of sample ' .. i)
      tester:eq(H.maxDiff(m:backward(x[i], go[i]), gi[i]), 0, 'backward of sample ' .. i)
   end
end

function tests.errors()
   local function fails(f, pattern, msg)
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find(pattern) ~= nil, msg .. ': ' .. tostring(err))
   end
   fails(function()
      nn.VolumetricDilatedMaxPooling(2, 2, 2):forward(torch.rand(2, 2, 2))
   end, 'nn.VolumetricDilatedMaxPooling: 4D or 5D', 'input rank')
   fails(function()
      nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 1, 1)
         :forward(torch.rand(1, 4, 4, 4))
   end, 'dilation should be greater than zero', 'dilation')
   fails(function()
      nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 2, 0, 0):forward(torch.rand(1, 4, 4, 4))
   end, 'pad should be smaller', 'padding')
   fails(function()
      nn.VolumetricDilatedMaxPooling(3, 3, 3, 1, 1, 1, 0, 0, 0, 2, 2, 2)
         :forward(torch.rand(1, 4, 4, 4))
   end, 'too small', 'window bigger than the input')
   fails(function()
      local m = nn.VolumetricDilatedMaxPooling(2, 2, 2)
      m:forward(torch.rand(1, 4, 4, 4))
      m:backward(torch.rand(1, 4, 4, 4), torch.rand(1, 3, 2, 2))
   end, 'gradOutput does not match', 'gradOutput size')
end

function tests.saveLoadAndCommon()
   local m = nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2)
   H.roundTrip(tester, m, torch.rand(2, 5, 5, 5))
   H.common(tester, m, 'nn.VolumetricDilatedMaxPooling(2x2x2, 1,1,1, 1,1,1, 2,2,2)')
   H.common(tester, nn.VolumetricDilatedMaxPooling(2, 3, 4),
      'nn.VolumetricDilatedMaxPooling(2x3x4, 2,3,4, 1,1,1)')
end

tester:add(tests)
return tester
