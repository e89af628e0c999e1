-- nn.Reshape: reshaping with optional batch mode.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Reshape(6), torch.Tensor(2, 3))
   H.jacobian(tester, nn.Reshape(3, 2), torch.Tensor(4, 6))
end

function tests.batchModes()
   tester:eq(nn.Reshape(6):forward(torch.Tensor(2, 3)):dim(), 1, 'one sample')
   tester:eq(nn.Reshape(6):forward(torch.Tensor(4, 2, 3)):size(1), 4, 'a batch')
   tester:eq(nn.Reshape(3):forward(torch.Tensor(1, 3)):dim(), 2, 'size 1 first: a batch of one')
   tester:eq(nn.Reshape(3, false):forward(torch.Tensor(1, 3)):dim(), 1, 'batch mode off')
   local x = torch.Tensor(3, 4):t()
   local y = nn.Reshape(12):forward(x)
   tester:eq(y:nElement(), 12, 'non-contiguous input copied')
end

function tests.clearStateAndToString()
   local m = nn.Reshape(2, 5)
   m:forward(torch.Tensor(5, 2):t())
   H.common(tester, m, 'nn.Reshape(2x5)')
   tester:assert(m._input:nElement() == 0, 'copy buffer cleared')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Reshape(3, 2), torch.rand(4, 6))
end

tester:add(tests)
return tester
