-- nn.WhiteNoise: additive Gaussian noise while training.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function evaluating(m)
   m:evaluate()
   return m
end

function tests.trainingAddsTheStoredNoise()
   torch.manualSeed(17)
   local m = nn.WhiteNoise(0.5, 0.2)
   local input = torch.rand(50, 40)
   local output = m:forward(input)
   tester:eq(H.maxDiff(output, input + m.noise), 0, 'output is input plus noise')
   tester:assert(math.abs(m.noise:mean() - 0.5) < 0.02, 'noise mean ' .. m.noise:mean())
   tester:assert(math.abs(m.noise:std() - 0.2) < 0.02, 'noise std ' .. m.noise:std())
end

function tests.evaluationAddsOnlyTheMean()
   local m = evaluating(nn.WhiteNoise(0.25))
   local input = torch.rand(3, 4)
   tester:eq(H.maxDiff(m:forward(input), input + 0.25), 0, 'shifted by the mean')
   local zero = evaluating(nn.WhiteNoise())
   tester:eq(H.maxDiff(zero:forward(input), input), 0, 'identity with mean 0')
end

function tests.gradientPassesThrough()
   local m = nn.WhiteNoise()
   local input, gradOutput = torch.rand(2, 5), torch.rand(2, 5)
   m:forward(input)
   tester:eq(H.maxDiff(m:backward(input, gradOutput), gradOutput), 0, 'gradInput')
end

function tests.errors()
   local m = evaluating(nn.WhiteNoise())
   m:forward(torch.rand(2))
   tester:assertErrorPattern(function() m:backward(torch.rand(2), torch.rand(2)) end,
      'nn.WhiteNoise: backprop only defined while training', 'evaluation backward')
   tester:assertErrorPattern(function() nn.WhiteNoise():forward({}) end, 'nn.WhiteNoise',
      'table input')
end

function tests.clearStateAndToString()
   local m = nn.WhiteNoise(1, 0.5)
   m:forward(torch.rand(3))
   H.common(tester, m, 'nn.WhiteNoise mean: 1.000000, std: 0.500000')
   tester:eq(m.noise:nElement(), 0, 'noise dropped')
   H.common(tester, nn.WhiteNoise(), 'nn.WhiteNoise mean: 0.000000, std: 0.100000')
end

function tests.saveLoadRoundTrip()
   local m = nn.WhiteNoise(0.1, 0.3)
   local input, gradOutput = torch.rand(2, 3), torch.rand(2, 3)
   torch.manualSeed(8)
   local out = m:forward(input):clone()
   local gi = m:backward(input, gradOutput):clone()
   tester:assert(m:clearState() == m, 'clearState returns self')
   local file = os.tmpname()
   torch.save(file, m)
   local copy = torch.load(file)
   os.remove(file)
   tester:eq(torch.type(copy), 'nn.WhiteNoise', 'class kept')
   tester:eq(copy.mean, 0.1, 'mean kept')
   tester:eq(copy.std, 0.3, 'std kept')
   tester:eq(torch.type(copy.noise), 'torch.DoubleTensor', 'noise buffer kept')
   torch.manualSeed(8)
   tester:eq(H.maxDiff(copy:forward(input), out), 0, 'same noise from the same seed')
   tester:eq(H.maxDiff(copy:backward(input, gradOutput), gi), 0, 'same gradient')
end

tester:add(tests)
return tester
