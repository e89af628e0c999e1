-- nn.Concat: same input to every child, outputs joined.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function build()
   return nn.Concat(2):add(nn.Linear(3, 2)):add(nn.Linear(3, 4)):add(nn.Identity())
end

function tests.jacobianInputAndParameters()
   torch.manualSeed(43)
   local m = build()
   H.jacobian(tester, m, torch.Tensor(2, 3))
   local p, g = m:getParameters()
   local err = nn.Jacobian.testJacobianParameters(m, torch.Tensor(2, 3), p, g)
   tester:assert(err < H.PRECISION, 'parameter Jacobian error ' .. err)
end

function tests.outputSize()
   tester:eq(build():forward(torch.rand(5, 3)):size(2), 9, '2 + 4 + 3 columns')
end

function tests.printsBranches()
   local expected = 'nn.Concat {\n  input\n    |`-> (1): nn.Linear(3 -> 2)\n'
      .. '    |`-> (2): nn.Linear(3 -> 4)\n     `-> (3): nn.Identity\n     ... -> output\n}'
   H.common(tester, build(), expected)
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(83)
   H.roundTrip(tester, nn.Concat(2):add(nn.Linear(3, 2)):add(nn.Identity()), torch.rand(4, 3))
end

function tests.tableInputs()
   torch.manualSeed(48)
   local m = nn.Concat(1):add(nn.CAddTable()):add(nn.SelectTable(2))
   H.tableJacobian(tester, m, { torch.Tensor(3), torch.Tensor(3) })
end

tester:add(tests)
return tester
