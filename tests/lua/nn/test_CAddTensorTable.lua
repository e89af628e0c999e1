-- nn.CAddTensorTable: one tensor added to every tensor of a table.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.addsTheTensorToEachEntry()
   local v = torch.Tensor({ 1, 2 })
   local input = { v, { torch.Tensor({ 10, 20 }), torch.Tensor({ 0, -1 }) } }
   local out = nn.CAddTensorTable():forward(input)
   tester:eq(#out, 2, 'one output per table entry')
   tester:eq(H.maxDiff(out[1], torch.Tensor({ 11, 22 })), 0, 'first sum')
   tester:eq(H.maxDiff(out[2], torch.Tensor({ 1, 1 })), 0, 'second sum')
end

function tests.gradientsByDefinition()
   local m = nn.CAddTensorTable()
   local input = { torch.rand(2, 2), { torch.rand(2, 2), torch.rand(2, 2), torch.rand(2, 2) } }
   m:forward(input)
   local g = { torch.rand(2, 2), torch.rand(2, 2), torch.rand(2, 2) }
   local gi = m:backward(input, g)
   tester:eq(H.maxDiff(gi[1], g[1] + g[2] + g[3]), 0, 'vector gets the sum')
   for i = 1, 3 do tester:eq(H.maxDiff(gi[2][i], g[i]), 0, 'entry gets its gradient') end
end

function tests.jacobian()
   torch.manualSeed(11)
   H.tableJacobian(tester, nn.CAddTensorTable(),
      { torch.Tensor(3), { torch.Tensor(3), torch.Tensor(3) } })
end

function tests.shrinkingTableDropsEntries()
   local m = nn.CAddTensorTable()
   local v = torch.rand(2)
   m:forward({ v, { torch.rand(2), torch.rand(2), torch.rand(2) } })
   m:backward({ v, { torch.rand(2), torch.rand(2), torch.rand(2) } },
      { torch.rand(2), torch.rand(2), torch.rand(2) })
   local input = { v, { torch.rand(2) } }
   tester:eq(#m:forward(input), 1, 'output shrinks')
   tester:eq(#m:backward(input, { torch.rand(2) })[2], 1, 'gradInput shrinks')
end

function tests.errors()
   local m = nn.CAddTensorTable()
   tester:assertErrorPattern(function() m:forward(torch.rand(2)) end, 'nn.CAddTensorTable',
      'tensor input')
   tester:assertErrorPattern(function() m:forward({ torch.rand(2), { torch.rand(3) } }) end,
      'input%[2%]%[1%]', 'size mismatch')
end

function tests.clearStateAndToString()
   local m = nn.CAddTensorTable()
   m:forward({ torch.rand(2), { torch.rand(2) } })
   H.common(tester, m, 'nn.CAddTensorTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.CAddTensorTable(), { torch.rand(3), { torch.rand(3), torch.rand(3) } })
end

tester:add(tests)
return tester
