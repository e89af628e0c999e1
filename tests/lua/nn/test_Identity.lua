-- nn.Identity: passes tensors and tables through.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Identity(), torch.Tensor(3, 2))
end

function tests.passesTablesThrough()
   local m = nn.Identity()
   local t = { torch.Tensor(2), torch.Tensor(3) }
   tester:assert(m:forward(t) == t, 'same table')
   tester:assert(m:backward(t, t) == t, 'same gradient table')
end

function tests.clearStateKeepsTheCallersTensors()
   local m = nn.Identity()
   local x = torch.Tensor(3):fill(1)
   m:forward(x)
   H.common(tester, m, 'nn.Identity')
   tester:eq(x:nElement(), 3, 'input untouched')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Identity(), torch.rand(2, 3))
end

tester:add(tests)
return tester
