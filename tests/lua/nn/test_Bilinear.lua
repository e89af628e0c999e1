-- nn.Bilinear: x1^T W_k x2 + b_k for batches of input pairs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Central-difference check of a parameter's gradient through a random gradOutput.
local function paramCheck(m, input, name, gname)
   local go = torch.rand(input[1]:size(1), m.weight:size(1))
   m:zeroGradParameters()
   m:forward(input)
   m:backward(input, go)
   local p, g = m[name]:view(-1), m[gname]:clone():view(-1)
   local worst = 0
   for i = 1, p:nElement() do
      local orig = p[i]
      p[i] = orig + 1e-6
      local fp = torch.cmul(m:forward(input), go):sum()
      p[i] = orig - 1e-6
      local fm = torch.cmul(m:forward(input), go):sum()
      p[i] = orig
      worst = math.max(worst, math.abs((fp - fm) / 2e-6 - g[i]))
   end
   tester:assert(worst < H.PRECISION, 'nn.Bilinear ' .. name .. ' gradient error ' .. worst)
end

function tests.jacobian()
   torch.manualSeed(1)
   local m = nn.Bilinear(4, 3, 5)
   local input = { torch.Tensor(2, 4), torch.Tensor(2, 3) }
   H.tableJacobian(tester, m, input)
   paramCheck(m, input, 'weight', 'gradWeight')
   paramCheck(m, input, 'bias', 'gradBias')
   H.tableJacobian(tester, nn.Bilinear(2, 2, 1, false), { torch.Tensor(3, 2), torch.Tensor(3, 2) })
end

function tests.resetDrawsWeightThenBias()
   torch.manualSeed(7)
   local m = nn.Bilinear(4, 3, 2)
   torch.manualSeed(7)
   local w = torch.Tensor(2, 4, 3):uniform(-0.5, 0.5)
   local b = torch.Tensor(2):uniform(-0.5, 0.5)
   tester:eq(H.maxDiff(m.weight, w), 0, 'weight first')
   tester:eq(H.maxDiff(m.bias, b), 0, 'bias second')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.Bilinear(3, 2, 1):forward({ torch.rand(2, 3), torch.rand(2, 3) })
   end)
   tester:assert(not ok and tostring(err):find('nn.Bilinear', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Bilinear(3, 2, 4), 'nn.Bilinear(3x2 -> 4) ')
   H.common(tester, nn.Bilinear(3, 2, 4, false), 'nn.Bilinear(3x2 -> 4)  without bias')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(6)
   H.roundTrip(tester, nn.Bilinear(3, 2, 4), { torch.rand(2, 3), torch.rand(2, 2) })
end

tester:add(tests)
return tester
