-- nn.ParallelTable: the i-th child on the i-th input.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(46)
   local m = nn.ParallelTable():add(nn.Linear(3, 2)):add(nn.Tanh())
   H.tableJacobian(tester, m, { torch.Tensor(2, 3), torch.Tensor(4) })
end

function tests.printsBranches()
   local m = nn.ParallelTable():add(nn.Tanh()):add(nn.Sigmoid())
   local expected = 'nn.ParallelTable {\n  input\n    |`-> (1): nn.Tanh\n'
      .. '     `-> (2): nn.Sigmoid\n     ... -> output\n}'
   H.common(tester, m, expected)
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(85)
   H.roundTrip(tester, nn.ParallelTable():add(nn.Linear(3, 2)):add(nn.Tanh()),
      { torch.rand(4, 3), torch.rand(2) })
end

tester:add(tests)
return tester
