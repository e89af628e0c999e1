-- nn.BatchNormalization: THNN numerics (biased variance to normalize, unbiased running
-- estimate), evaluate mode, affine or not, batch of one, old files with running_std.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianTrainingAndEvaluating()
   torch.manualSeed(21)
   H.jacobian(tester, nn.BatchNormalization(4), torch.Tensor(5, 4))
   H.jacobian(tester, nn.BatchNormalization(3, 1e-3, 0.2, false), torch.Tensor(6, 3))
   local m = nn.BatchNormalization(4)
   m.running_mean:uniform(-1, 1)
   m.running_var:uniform(0.5, 2)
   m:evaluate()
   H.jacobian(tester, m, torch.Tensor(3, 4))
end

function tests.trainingStatisticsAndRunningEstimates()
   local m = nn.BatchNormalization(2, 0, 0.5, false)
   local x = torch.Tensor({ { 1, 10 }, { 3, 10 }, { 5, 40 } })
   local y = m:forward(x)
   -- feature 1: mean 3, biased variance 8/3, unbiased 4
   tester:assert(math.abs(y[1][1] + 2 / math.sqrt(8 / 3)) < 1e-12,
      'normalized with the biased variance')
   tester:assert(math.abs(m.save_mean[1] - 3) < 1e-15, 'save_mean')
   tester:assert(math.abs(m.save_std[1] - 1 / math.sqrt(8 / 3)) < 1e-15, 'save_std is 1/std')
   tester:assert(math.abs(m.running_mean[1] - 1.5) < 1e-15, 'running mean moved by momentum')
   tester:assert(math.abs(m.running_var[1] - (0.5 * 4 + 0.5)) < 1e-12, 'unbiased running var')
end

function tests.evaluateUsesRunningStatsAndAcceptsOneSample()
   local m = nn.BatchNormalization(2)
   m.weight:fill(2); m.bias:fill(1)
   m.running_mean:copy(torch.Tensor({ 1, -1 }))
   m.running_var:copy(torch.Tensor({ 4, 1 }))
   m:evaluate()
   local y = m:forward(torch.Tensor({ 3, 0 }))
   local want1 = (3 - 1) / math.sqrt(4 + 1e-5) * 2 + 1
   tester:assert(math.abs(y:view(2)[1] - want1) < 1e-12, 'running statistics used')
   local ok = pcall(function() m:training(); m:forward(torch.Tensor({ 3, 0 })) end)
   tester:assert(not ok, 'one sample needs evaluate mode')
end

function tests.batchOfOneLeavesRunningStats()
   local m = nn.BatchNormalization(3)
   m:forward(torch.rand(1, 3))
   tester:eq(m.running_mean:sum(), 0, 'running mean untouched')
   tester:eq(m.running_var:sum(), 3, 'running var untouched')
end

function tests.resetDrawsWeightUniformly()
   torch.manualSeed(4)
   local m = nn.BatchNormalization(5)
   torch.manualSeed(4)
   tester:eq(H.maxDiff(m.weight, torch.Tensor(5):uniform()), 0, 'weight ~ U[0, 1)')
   tester:eq(m.bias:sum(), 0, 'bias zero')
   local na = nn.BatchNormalization(5, nil, nil, false)
   tester:assert(na.weight == nil and na:parameters() == nil, 'no affine, no parameters')
end

function tests.backwardMatchesSeparateCalls()
   torch.manualSeed(8)
   local x, go = torch.rand(6, 3), torch.rand(6, 3)
   local a, b = nn.BatchNormalization(3), nn.BatchNormalization(3)
   b.weight:copy(a.weight)
   a:zeroGradParameters(); b:zeroGradParameters()
   a:forward(x); b:forward(x)
   local gi = a:backward(x, go, 0.5):clone()
   b:updateGradInput(x, go); b:accGradParameters(x, go, 0.5)
   tester:eq(H.maxDiff(gi, b.gradInput), 0, 'gradInput')
   tester:eq(H.maxDiff(a.gradWeight, b.gradWeight), 0, 'gradWeight')
   tester:eq(H.maxDiff(a.gradBias, b.gradBias), 0, 'gradBias')
end

function tests.versionOneFileUpgradesRunningStd()
   local m = nn.BatchNormalization(3, 1e-3)
   m.running_std = torch.Tensor({ 0.5, 1, 2 })
   m.running_var = nil
   local mt = getmetatable(m)
   local saved = rawget(mt, '__version')
   rawset(mt, '__version', 1)
   local ok, s = pcall(torch.serialize, m)
   rawset(mt, '__version', saved)
   tester:assert(ok, tostring(s))
   local copy = torch.deserialize(s)
   tester:assert(copy.running_std == nil, 'running_std dropped')
   local want = torch.Tensor({ 4, 1, 0.25 }):add(-1e-3)
   tester:assert(H.maxDiff(copy.running_var, want) < 1e-15, 'running_var = std^-2 - eps')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.BatchNormalization(3):forward(torch.rand(2, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.BatchNormalization', 1, true), tostring(err))
   ok, err = pcall(function() nn.BatchNormalization(3):forward(torch.rand(2, 3, 4)) end)
   tester:assert(not ok and tostring(err):find('mini-batch', 1, true), tostring(err))
   tester:assert(not pcall(function() nn.BatchNormalization() end), 'nOutput required')
end

function tests.clearStateAndToString()
   local m = nn.BatchNormalization(10)
   m:forward(torch.rand(4, 10))
   H.common(tester, m, 'nn.BatchNormalization (2D) (10)')
   tester:eq(m.save_mean:nElement(), 0, 'save_mean cleared')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(9)
   local m = nn.BatchNormalization(4)
   m:evaluate()
   H.roundTrip(tester, m, torch.rand(3, 4))
   local t = nn.BatchNormalization(4, 1e-3, 0.3, false)
   t:evaluate()
   H.roundTrip(tester, t, torch.rand(4))
end

tester:add(tests)
return tester
