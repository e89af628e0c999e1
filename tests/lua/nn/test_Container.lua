-- nn.Container: the shared container protocol.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.parametersOfAllChildrenInOrder()
   local a, b = nn.Linear(2, 3), nn.Linear(3, 1):noBias()
   local m = nn.Container():add(a):add(nn.Tanh()):add(b)
   local p, g = m:parameters()
   tester:eq(#p, 3, 'three tensors')
   tester:assert(p[1] == a.weight and p[2] == a.bias and p[3] == b.weight, 'in order')
   tester:assert(g[3] == b.gradWeight, 'gradients alike')
   tester:eq(m:size(), 3, 'size')
   tester:assert(m:get(2) == m.modules[2], 'get')
end

function tests.rethrowNamesPositionAndClass()
   local m = nn.Container():add(nn.Linear(2, 2))
   local ok, err = pcall(function()
      m:rethrowErrors(m.modules[1], 1, 'updateOutput', torch.Tensor(3, 3))
   end)
   tester:assert(not ok and tostring(err):find('In 1 module of nn.Container:', 1, true) ~= nil,
      tostring(err))
end

function tests.clearStateRecurses()
   local lin = nn.Linear(2, 2)
   local m = nn.Container():add(lin)
   lin:forward(torch.rand(2))
   H.common(tester, m, 'nn.Container')
   tester:eq(lin.output:nElement(), 0, 'child cleared')
   H.jacobian(tester, nn.Sequential():add(nn.Linear(2, 2)), torch.Tensor(2))
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(87)
   local m = nn.Container():add(nn.Linear(2, 2)):add(nn.Tanh())
   local f = torch.MemoryFile('rw'):binary()
   f:writeObject(m)
   f:seek(1)
   local copy = f:readObject()
   f:close()
   tester:eq(torch.type(copy), 'nn.Container', 'class kept')
   tester:eq(#copy.modules, 2, 'children kept')
   tester:eq(H.maxDiff(copy.modules[1].weight, m.modules[1].weight), 0, 'parameters kept')
end

tester:add(tests)
return tester
