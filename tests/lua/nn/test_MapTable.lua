-- nn.MapTable: one module applied to every element of a table.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   torch.manualSeed(1)
   H.tableJacobian(tester, nn.MapTable(nn.Linear(3, 2)), { torch.Tensor(2, 3), torch.Tensor(3) })
end

function tests.clonesShareParameters()
   torch.manualSeed(2)
   local m = nn.MapTable(nn.Linear(3, 2))
   local x = { torch.rand(3), torch.rand(3), torch.rand(3) }
   local y = m:forward(x)
   tester:eq(#m.modules, 3, 'one clone per input')
   tester:assert(m.modules[3].weight:isSetTo(m.modules[1].weight), 'weights shared')
   tester:eq(H.maxDiff(y[2], m.module:forward(x[2])), 0, 'same module')
   m:zeroGradParameters()
   m:backward(x, { torch.ones(2), torch.ones(2), torch.ones(2) })
   local expected = (x[1] + x[2] + x[3])
   tester:assert(H.maxDiff(m.module.gradWeight[1], expected) < 1e-12, 'gradients accumulate')
   m:resize(1)
   tester:eq(#m.modules, 1, 'resize drops clones')
   local u = nn.MapTable(nn.Linear(3, 2), false)
   u:forward(x)
   tester:assert(not u.modules[2].weight:isSetTo(u.modules[1].weight), 'unshared copies')
end

function tests.childErrorsNameTheChild()
   local ok, err = pcall(function()
      nn.MapTable(nn.Linear(3, 2)):forward({ torch.rand(3), torch.rand(4) })
   end)
   tester:assert(not ok and tostring(err):find('In 2 module of nn.MapTable', 1, true) ~= nil,
      tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.MapTable(nn.Tanh()), 'nn.MapTable {\n  nn.Tanh\n}')
   tester:eq(tostring(nn.MapTable()), 'nn.MapTable { }', 'empty')
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(3)
   H.roundTrip(tester, nn.MapTable(nn.Linear(3, 2)), { torch.rand(2, 3), torch.rand(3) })
end

tester:add(tests)
return tester
