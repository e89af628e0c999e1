-- nn.TemporalDynamicKMaxPooling: the k largest frames of each feature, in sequence order.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.valuesKeepSequenceOrder()
   local x = torch.Tensor({ { 1, 9 }, { 7, 2 }, { 3, 8 }, { 5, 4 }, { 0, 6 } })
   local m = nn.TemporalDynamicKMaxPooling(3)
   local y = m:forward(x)
   tester:eq(H.maxDiff(y, torch.Tensor({ { 7, 9 }, { 3, 8 }, { 5, 6 } })), 0, 'top 3 in order')
   tester:eq(m.indices:totable(), { { 2, 1 }, { 3, 3 }, { 4, 5 } }, 'positions kept')
   local gi = m:backward(x, torch.Tensor({ { 1, 2 }, { 3, 4 }, { 5, 6 } }))
   local want = torch.Tensor({ { 0, 2 }, { 1, 0 }, { 3, 4 }, { 5, 0 }, { 0, 6 } })
   tester:eq(H.maxDiff(gi, want), 0, 'gradient to the chosen positions')
end

function tests.dynamicK()
   local x = torch.rand(10, 3)
   tester:eq(H.sizes(nn.TemporalDynamicKMaxPooling(2, 0.45):forward(x)), '5x3',
      'ceil(0.45 * 10) beats minK')
   tester:eq(H.sizes(nn.TemporalDynamicKMaxPooling(4, 0.1):forward(x)), '4x3', 'minK')
   tester:eq(H.sizes(nn.TemporalDynamicKMaxPooling(3):forward(torch.rand(2, 7, 4))), '2x3x4',
      'batch mode')
end

function tests.jacobian()
   torch.manualSeed(61)
   H.jacobian(tester, nn.TemporalDynamicKMaxPooling(3, 0.5), torch.Tensor(8, 5))
   H.jacobian(tester, nn.TemporalDynamicKMaxPooling(4, 0.2), torch.Tensor(3, 7, 4))
end

function tests.batchMatchesSingle()
   torch.manualSeed(67)
   local m = nn.TemporalDynamicKMaxPooling(3, 0.6)
   local x = torch.rand(3, 8, 4)
   local y = m:forward(x):clone()
   local go = torch.rand(y:size())
   local gi = m:backward(x, go):clone()
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
   fails(function() nn.TemporalDynamicKMaxPooling(2):forward(torch.rand(5)) end,
      'nn.TemporalDynamicKMaxPooling: input must be 2D', 'input rank')
   fails(function() nn.TemporalDynamicKMaxPooling(6):forward(torch.rand(5, 2)) end,
      'too small for k = 6', 'sequence shorter than minK')
   fails(function()
      local m = nn.TemporalDynamicKMaxPooling(2)
      m:forward(torch.rand(5, 2))
      m:backward(torch.rand(5, 2), torch.rand(3, 2))
   end, 'gradOutput does not match', 'gradOutput size')
end

function tests.saveLoadAndCommon()
   torch.manualSeed(71)
   local m = nn.TemporalDynamicKMaxPooling(3, 0.5)
   H.roundTrip(tester, m, torch.rand(2, 8, 3))
   tester:eq(m.indices:nElement(), 0, 'clearState empties the indices')
   H.common(tester, m, 'nn.TemporalDynamicKMaxPooling(3, 0.5)')
end

tester:add(tests)
return tester
