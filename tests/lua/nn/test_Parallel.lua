-- nn.Parallel: slices of the input to the children, outputs joined.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(47)
   local m = nn.Parallel(1, 1):add(nn.Linear(3, 2)):add(nn.Tanh())
   H.jacobian(tester, m, torch.Tensor(2, 3))
   local p, g = m:getParameters()
   local err = nn.Jacobian.testJacobianParameters(m, torch.Tensor(2, 3), p, g)
   tester:assert(err < H.PRECISION, 'parameter Jacobian error ' .. err)
end

function tests.shapes()
   local m = nn.Parallel(2, 1):add(nn.Linear(4, 2)):add(nn.Linear(4, 3))
   tester:eq(m:forward(torch.rand(4, 2)):size(1), 5, 'joined along 1')
end

function tests.printsBranches()
   local m = nn.Parallel(1, 1):add(nn.Tanh())
   H.common(tester, m, 'nn.Parallel {\n  input\n     `-> (1): nn.Tanh\n     ... -> output\n}')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(86)
   H.roundTrip(tester, nn.Parallel(1, 1):add(nn.Linear(3, 2)):add(nn.Tanh()), torch.rand(2, 3))
end

tester:add(tests)
return tester
