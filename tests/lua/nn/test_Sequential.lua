-- nn.Sequential: chaining, flattened parameters, printing, child errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function mlp()
   return nn.Sequential():add(nn.Linear(4, 5)):add(nn.Tanh()):add(nn.Linear(5, 3))
end

function tests.jacobianInputAndParameters()
   torch.manualSeed(41)
   local m = mlp()
   H.jacobian(tester, m, torch.Tensor(2, 4))
   local p, g = m:getParameters()
   local err = nn.Jacobian.testJacobianParameters(m, torch.Tensor(2, 4), p, g)
   tester:assert(err < H.PRECISION, 'flattened parameter Jacobian error ' .. err)
   err = nn.Jacobian.testJacobianUpdateParameters(m, torch.Tensor(2, 4), p)
   tester:assert(err < H.PRECISION, 'flattened parameter update error ' .. err)
end

function tests.backwardEqualsUpdateGradInputPlusAcc()
   torch.manualSeed(42)
   local a = mlp()
   local b = a:clone()
   local x, go = torch.rand(3, 4), torch.rand(3, 3)
   a:zeroGradParameters(); b:zeroGradParameters()
   a:forward(x); b:forward(x)
   local ga = a:backward(x, go, 0.5)
   local gb = b:updateGradInput(x, go)
   b:accGradParameters(x, go, 0.5)
   tester:eq(H.maxDiff(ga, gb), 0, 'same gradInput')
   local _, pa = a:getParameters()
   local _, pb = b:getParameters()
   tester:eq(H.maxDiff(pa, pb), 0, 'same parameter gradients')
end

function tests.printsTheTree()
   local m = nn.Sequential():add(nn.Linear(10, 20)):add(nn.Sequential():add(nn.Tanh()))
   local expected = 'nn.Sequential {\n  [input -> (1) -> (2) -> output]\n'
      .. '  (1): nn.Linear(10 -> 20)\n  (2): nn.Sequential {\n    [input -> (1) -> output]\n'
      .. '    (1): nn.Tanh\n  }\n}'
   H.common(tester, m, expected)
end

function tests.errorsNameTheFailingChild()
   local m = nn.Sequential():add(nn.Tanh()):add(nn.Sequential():add(nn.Linear(3, 2)))
   local ok, err = pcall(function() m:forward(torch.Tensor(4, 5)) end)
   err = tostring(err)
   tester:assert(not ok, 'forward fails')
   tester:assert(err:find('In 2 module of nn.Sequential:', 1, true) ~= nil, err)
   tester:assert(err:find('In 1 module of nn.Sequential:', 1, true) ~= nil, err)
   tester:assert(err:find('nn.Linear', 1, true) ~= nil, err)
end

function tests.insertRemoveAndLength()
   local m = mlp()
   m:insert(nn.ReLU(), 2)
   tester:eq(#m.modules, 4, 'inserted')
   tester:eq(torch.type(m:get(2)), 'nn.ReLU', 'at position 2')
   m:remove(2)
   m:remove()
   tester:eq(m:size(), 2, 'removed twice')
   tester:assert(m.output == m.modules[2].output, 'output follows the last module')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(82)
   H.roundTrip(tester, nn.Sequential():add(nn.Linear(3, 2)):add(nn.Tanh()), torch.rand(4, 3))
end

tester:add(tests)
return tester
