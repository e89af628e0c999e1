-- nn.DontCast: a decorator that keeps its module's type when the network is cast.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.castsInputAndOutputAroundAFloatModule()
   torch.manualSeed(12)
   local linear = nn.Linear(4, 2):float()
   local ref = linear:clone()
   local m = nn.DontCast(linear, true)
   tester:eq(m.moduleType, 'torch.FloatTensor', 'module type found from the output')
   tester:eq(m.castout, true, 'castout follows castin')
   local input, gradOutput = torch.randn(3, 4), torch.randn(3, 2)
   m:zeroGradParameters()
   ref:zeroGradParameters()
   local out = m:forward(input)
   local gi = m:backward(input, gradOutput)
   tester:eq(torch.type(out), 'torch.DoubleTensor', 'output in the outer type')
   tester:eq(torch.type(gi), 'torch.DoubleTensor', 'gradInput in the outer type')
   tester:eq(H.maxDiff(out:float(), ref:forward(input:float())), 0, 'output values')
   tester:eq(H.maxDiff(gi:float(), ref:backward(input:float(), gradOutput:float())), 0,
      'gradInput values')
   tester:eq(H.maxDiff(linear.gradWeight, ref.gradWeight), 0, 'gradWeight accumulated')
end

function tests.typeLeavesTheModuleAlone()
   local linear = nn.Linear(3, 2):float()
   local m = nn.DontCast(linear, true)
   local net = nn.Sequential():add(m)
   net:float()
   local out = m:forward(torch.rand(2, 3):float())
   tester:eq(torch.type(out), 'torch.FloatTensor', 'output follows the cast')
   net:double()
   tester:eq(torch.type(linear.weight), 'torch.FloatTensor', 'module weights keep their type')
   tester:eq(torch.type(m:forward(torch.rand(2, 3))), 'torch.DoubleTensor', 'output double')
end

function tests.withoutCastingPassesThrough()
   local linear = nn.Linear(3, 2):float()
   local m = nn.DontCast(linear)
   local input = torch.rand(2, 3):float()
   tester:assert(m:forward(input) == linear.output, 'output is the module output')
   tester:assert(m:backward(input, torch.rand(2, 2):float()) == linear.gradInput,
      'gradInput is the module gradInput')
   m:double()
   tester:eq(torch.type(linear.weight), 'torch.FloatTensor', 'still not cast')
end

function tests.tableInputsAndOutputs()
   torch.manualSeed(13)
   local par = nn.ParallelTable():add(nn.Linear(4, 2)):add(nn.Linear(4, 2)):float()
   local ref = par:clone()
   local m = nn.DontCast(par, true)
   local input = { torch.randn(3, 4), torch.randn(3, 4) }
   local gradOutput = { torch.randn(3, 2), torch.randn(3, 2) }
   local out = m:forward(input)
   local gi = m:backward(input, gradOutput)
   local fin = { input[1]:float(), input[2]:float() }
   local fout = ref:forward(fin)
   local fgi = ref:backward(fin, { gradOutput[1]:float(), gradOutput[2]:float() })
   for i = 1, 2 do
      tester:eq(torch.type(out[i]), 'torch.DoubleTensor', 'output entry type')
      tester:eq(torch.type(gi[i]), 'torch.DoubleTensor', 'gradInput entry type')
      tester:eq(H.maxDiff(out[i]:float(), fout[i]), 0, 'output entry')
      tester:eq(H.maxDiff(gi[i]:float(), fgi[i]), 0, 'gradInput entry')
   end
end

function tests.jacobian()
   torch.manualSeed(14)
   local m = nn.DontCast(nn.Linear(3, 2), true, true, 'torch.DoubleTensor')
   H.jacobian(tester, m, torch.rand(2, 3), {})
   local err = nn.Jacobian.testJacobianParameters(m, torch.rand(2, 3), m.modules[1].weight,
      m.modules[1].gradWeight)
   tester:assert(err < H.PRECISION, 'weight Jacobian through the decorator')
end

function tests.errors()
   tester:assertErrorPattern(function() nn.DontCast(nn.ConcatTable(), true) end,
      'nn.DontCast: cannot tell the module type', 'no tensors to look at')
   tester:assertErrorPattern(function() nn.DontCast('x') end, 'nn.DontCast', 'not a module')
   local m = nn.DontCast(nn.Identity(), true, true, 'torch.FloatTensor')
   tester:eq(torch.type(m:forward(torch.rand(2))), 'torch.DoubleTensor', 'explicit type')
   tester:eq(torch.type(m.modules[1].output), 'torch.FloatTensor', 'module saw floats')
end

function tests.clearStateAndToString()
   local m = nn.DontCast(nn.Linear(2, 3):float(), true)
   m:forward(torch.rand(2))
   H.common(tester, m, 'nn.DontCast @ nn.Linear(2 -> 3)')
   tester:eq(m._input:nElement(), 0, 'cast input dropped')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.DontCast(nn.Linear(3, 2):float(), true), torch.rand(2, 3))
end

tester:add(tests)
return tester
