-- nn.NaN: a decorator that raises an error where a NaN appears.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local nan = 0 / 0

function tests.passesThroughWithoutNaN()
   torch.manualSeed(2)
   local lin = nn.Linear(3, 4)
   local ref = lin:clone()
   local m = nn.NaN(lin)
   local input, gradOutput = torch.randn(2, 3), torch.randn(2, 4)
   m:zeroGradParameters()
   ref:zeroGradParameters()
   tester:eq(H.maxDiff(m:forward(input), ref:forward(input)), 0, 'output')
   tester:eq(H.maxDiff(m:backward(input, gradOutput), ref:backward(input, gradOutput)), 0,
      'gradInput')
   tester:eq(H.maxDiff(lin.gradWeight, ref.gradWeight), 0, 'gradWeight')
end

function tests.jacobian()
   torch.manualSeed(4)
   H.jacobian(tester, nn.NaN(nn.Linear(3, 2)), torch.rand(2, 3),
      { weight = 'gradWeight', bias = 'gradBias' })
   local m = nn.NaN(nn.Linear(3, 2))
   local err = nn.Jacobian.testJacobianParameters(m, torch.rand(2, 3), m.modules[1].weight,
      m.modules[1].gradWeight)
   tester:assert(err < H.PRECISION, 'weight Jacobian through the decorator')
end

function tests.reportsWhereTheNaNCameFrom()
   local lin = nn.Linear(3, 2)
   local m = nn.NaN(lin, 'lin')
   local bad = torch.rand(2, 3)
   bad[1][2] = nan
   tester:assertErrorPattern(function() m:forward(bad) end, 'NaN found in input', 'input')
   local input = torch.rand(2, 3)
   lin.bias[1] = nan
   tester:assertErrorPattern(function() m:forward(input) end, 'NaN found in parameters',
      'parameters')
   lin:reset()
   m:forward(input)
   tester:assertErrorPattern(function() m:backward(input, torch.Tensor(2, 2):fill(nan)) end,
      'NaN found in gradOutput', 'gradOutput')
   lin.gradBias:fill(nan)
   tester:assertErrorPattern(function() m:backward(input, torch.rand(2, 2)) end,
      'NaN found in gradParameters', 'gradParameters')
   local scale = nn.NaN(nn.MulConstant(nan))
   tester:assertErrorPattern(function() scale:forward(torch.Tensor({ 1 })) end,
      'NaN found in output of module:\nnn.NaN%(%d+%) @ nn.MulConstant', 'output')
   local broken = nn.Identity()
   function broken:updateGradInput(_, gradOutput)
      self.gradInput = gradOutput:clone():fill(nan)
      return self.gradInput
   end
   local back = nn.NaN(broken)
   back:forward(torch.Tensor({ 0, 1 }))
   tester:assertErrorPattern(function()
      back:backward(torch.Tensor({ 0, 1 }), torch.Tensor({ 0, 1 }))
   end, 'NaN found in gradInput', 'gradInput')
end

function tests.tablesAreSearched()
   local m = nn.NaN(nn.Identity())
   tester:assert(m:recursiveIsNaN({ torch.rand(2), { torch.Tensor({ nan }) } }), 'nested NaN')
   tester:assert(not m:recursiveIsNaN({ torch.rand(2), { torch.rand(1) } }), 'no NaN')
   local t = { torch.rand(2), torch.rand(2) }
   tester:eq(#m:forward(t), 2, 'table input passes')
end

function tests.idsCountUp()
   local a, b = nn.NaN(nn.Identity()), nn.NaN(nn.Identity())
   tester:eq(b.id, a.id + 1, 'ids are consecutive')
   tester:eq(nn.NaN(nn.Identity(), 'x').id, 'x', 'explicit id')
   tester:assertErrorPattern(function() nn.NaN(3) end, 'nn.NaN', 'not a module')
end

function tests.clearStateAndToString()
   H.common(tester, nn.NaN(nn.Linear(2, 3), 9), 'nn.NaN(9) @ nn.Linear(2 -> 3)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.NaN(nn.Linear(3, 2)), torch.rand(4, 3))
end

tester:add(tests)
return tester
