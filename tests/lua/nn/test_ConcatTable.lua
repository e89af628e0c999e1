-- nn.ConcatTable: same input to every child, a table of outputs.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianTensorAndTableInputs()
   torch.manualSeed(44)
   local m = nn.ConcatTable():add(nn.Linear(3, 2)):add(nn.Tanh())
   H.tableJacobian(tester, m, torch.Tensor(2, 3))
   local t = nn.ConcatTable():add(nn.CAddTable()):add(nn.SelectTable(1))
   H.tableJacobian(tester, t, { torch.Tensor(2), torch.Tensor(2) })
end

function tests.parameterGradientsAccumulate()
   torch.manualSeed(45)
   local lin = nn.Linear(3, 2)
   local m = nn.ConcatTable():add(lin):add(nn.Identity())
   local x = torch.rand(3)
   m:zeroGradParameters()
   m:forward(x)
   m:backward(x, { torch.Tensor({ 1, 0 }), torch.rand(3) })
   tester:eq(H.maxDiff(lin.gradWeight[1], x), 0, 'gradWeight row 1 is the input')
end

function tests.printsBranches()
   local m = nn.ConcatTable():add(nn.Tanh()):add(nn.Sequential():add(nn.Tanh()))
   local expected = 'nn.ConcatTable {\n  input\n    |`-> (1): nn.Tanh\n'
      .. '     `-> (2): nn.Sequential {\n           [input -> (1) -> output]\n'
      .. '           (1): nn.Tanh\n         }\n     ... -> output\n}'
   H.common(tester, m, expected)
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(84)
   H.roundTrip(tester, nn.ConcatTable():add(nn.Linear(3, 2)):add(nn.Identity()), torch.rand(4, 3))
end

tester:add(tests)
return tester
