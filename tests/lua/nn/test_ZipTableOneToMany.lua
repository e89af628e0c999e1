-- nn.ZipTableOneToMany: pair one element with each entry of a table.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function sample()
   return { torch.randn(3), { torch.randn(4), torch.randn(2, 2), torch.randn(5) } }
end

local function randomGradOutput(input)
   local g = {}
   for i, v in ipairs(input[2]) do
      g[i] = { torch.randn(input[1]:size()), torch.randn(v:size()) }
   end
   return g
end

function tests.pairsElementWithEachEntry()
   torch.manualSeed(6)
   local input = sample()
   local y = nn.ZipTableOneToMany():forward(input)
   tester:eq(#y, 3, 'one pair per table entry')
   for i = 1, 3 do
      tester:eq(#y[i], 2, 'pairs have two entries')
      tester:assert(y[i][1] == input[1] and y[i][2] == input[2][i], 'pair ' .. i)
   end
end

function tests.gradientOfElementIsSummed()
   torch.manualSeed(7)
   local m, input = nn.ZipTableOneToMany(), sample()
   m:forward(input)
   local g = randomGradOutput(input)
   local gi = m:backward(input, g)
   tester:eq(#gi, 2, 'gradient of the element and of the table')
   tester:assert(gi[1] == m.gradInputEl, 'element gradient lives in gradInputEl')
   local expected = g[1][1] + g[2][1] + g[3][1]
   tester:eq(H.maxDiff(gi[1], expected), 0, 'sum over the pairs')
   tester:eq(#gi[2], 3, 'one gradient per table entry')
   for i = 1, 3 do tester:assert(gi[2][i] == g[i][2], 'table gradient ' .. i .. ' passed on') end
end

function tests.emptyTableGivesZeroGradient()
   local m, v = nn.ZipTableOneToMany(), torch.randn(3)
   tester:eq(#m:forward({ v, {} }), 0, 'no pairs')
   local gi = m:backward({ v, {} }, {})
   tester:eq(H.maxDiff(gi[1], torch.zeros(3)), 0, 'zero element gradient')
   tester:eq(#gi[2], 0, 'empty table gradient')
end

function tests.jacobian()
   torch.manualSeed(8)
   H.tableJacobian(tester, nn.ZipTableOneToMany(), sample())
end

function tests.errors()
   local m = nn.ZipTableOneToMany()
   for _, bad in ipairs({ torch.Tensor(2), { torch.Tensor(2) }, { torch.Tensor(2),
      torch.Tensor(2) } }) do
      local ok, err = pcall(function() m:forward(bad) end)
      tester:assert(not ok and err:find('nn.ZipTableOneToMany: input must be a table', 1, true),
         'bad input ' .. torch.type(bad))
   end
end

function tests.clearStateAndToString()
   H.common(tester, nn.ZipTableOneToMany(), 'nn.ZipTableOneToMany')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ZipTableOneToMany(), sample())
end

tester:add(tests)
return tester
