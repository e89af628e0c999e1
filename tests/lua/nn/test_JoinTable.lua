-- nn.JoinTable: concatenation of a table of tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(32)
   H.tableJacobian(tester, nn.JoinTable(2), { torch.Tensor(2, 3), torch.Tensor(2, 1) })
   H.tableJacobian(tester, nn.JoinTable(1, 1), { torch.Tensor(2, 3), torch.Tensor(2, 2) })
   H.tableJacobian(tester, nn.JoinTable(-1), { torch.Tensor(4), torch.Tensor(2) })
end

function tests.sizes()
   local y = nn.JoinTable(1):forward({ torch.Tensor(2, 3), torch.Tensor(4, 3) })
   tester:eq(y:size(1), 6, 'joined along 1')
   y = nn.JoinTable(1, 1):forward({ torch.Tensor(5, 3), torch.Tensor(5, 2) })
   tester:eq(y:size(2), 5, 'nInputDims shifts to the batch layout')
end

function tests.clearStateAndToString()
   H.common(tester, nn.JoinTable(2), 'nn.JoinTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.JoinTable(2), { torch.rand(2, 3), torch.rand(2, 1) })
end

tester:add(tests)
return tester
