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

-- A module whose forward always fails with `message`.
local function failing(message)
   local m = nn.Identity()
   m.updateOutput = function() error(message) end
   return m
end

function tests.nestedErrorsGiveThePathOnce()
   local p = nn.Parallel(1, 1):add(failing('size mismatch, m1: [1 x 2], m2: [1 x 1]'))
   local c = nn.Concat(1):add(p)
   local model = nn.Sequential():add(nn.Identity()):add(c):add(nn.Identity())
   local ok, err = pcall(function() model:forward(torch.randn(1, 2, 2)) end)
   tester:assert(not ok, 'the failure reaches the caller')
   local path = 'In 2 module of nn.Sequential:\nIn 1 module of nn.Concat:\n'
      .. 'In 1 module of nn.Parallel:\n'
   tester:assert(err:sub(1, #path + 1) == '\n' .. path, err)
   tester:assert(err:find('size mismatch, m1: [1 x 2], m2: [1 x 1]', 1, true) ~= nil,
      'original message kept')
   local _, tracebacks = err:gsub('stack traceback:', '')
   tester:eq(tracebacks, 1, 'one traceback, from where the error happened')
   local _, notes = err:gsub(nn.Container._tracebackNote:gsub('%p', '%%%0'), '')
   tester:eq(notes, 1, 'one note')
end

function tests.nestedErrorsDropPositionPrefixes()
   local inner = nn.Sequential():add(failing('bad input'))
   local wrapper = nn.Identity()
   -- a module that rethrows with its own position prefix in front
   wrapper.updateOutput = function(_, x)
      local ok, e = pcall(inner.forward, inner, x)
      if not ok then error(e) end
   end
   local outer = nn.Sequential():add(wrapper)
   local ok, err = pcall(function() outer:forward(torch.rand(2)) end)
   tester:assert(not ok and err:find('^\nIn 1 module of nn.Sequential:\nIn 1 module of '
      .. 'nn.Sequential:\n'), err)
   local _, tracebacks = err:gsub('stack traceback:', '')
   tester:eq(tracebacks, 1, 'one traceback')
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
