-- nn.TemporalSubSampling: per-feature weighted window sums over frames.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(31)
   H.jacobian(tester, nn.TemporalSubSampling(4, 3, 2), torch.Tensor(9, 4))
   H.jacobian(tester, nn.TemporalSubSampling(3, 2), torch.Tensor(5, 3))
end

function tests.windowSums()
   local m = nn.TemporalSubSampling(2, 2, 2)
   m.weight:copy(torch.Tensor({ 1, 10 }))
   m.bias:copy(torch.Tensor({ 0, 1 }))
   local x = torch.Tensor({ { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 }, { 9, 9 } })
   local y = m:forward(x)
   tester:eq(y:size(1), 2, 'two windows')
   tester:eq(y[1][1], 4, 'feature 1, frames 1-2')
   tester:eq(y[2][2], 141, 'feature 2, frames 3-4')
   local gi = m:backward(x, torch.Tensor(2, 2):fill(1))
   tester:eq(gi[5][1], 0, 'frame outside every window')
   tester:eq(gi[1][2], 10, 'weight spread over the window')
   tester:eq(m.gradBias[1], 2, 'gradBias sums gradOutput')
end

function tests.resetAndDefaults()
   local m = nn.TemporalSubSampling(5, 4)
   tester:eq(m.dW, 1, 'default step')
   tester:assert(m.weight:abs():max() <= 0.5 and m.bias:abs():max() <= 0.5, '1/sqrt(kW)')
end

function tests.badInput()
   local m = nn.TemporalSubSampling(3, 2)
   for _, x in ipairs({ torch.rand(2, 3, 3), torch.rand(4, 2), torch.rand(1, 3) }) do
      local ok, err = pcall(function() m:forward(x) end)
      tester:assert(not ok and tostring(err):find('nn.TemporalSubSampling', 1, true),
         tostring(err))
   end
end

function tests.clearStateAndToString()
   H.common(tester, nn.TemporalSubSampling(2, 2), 'nn.TemporalSubSampling')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(32)
   H.roundTrip(tester, nn.TemporalSubSampling(3, 2, 2), torch.rand(7, 3))
end

tester:add(tests)
return tester
