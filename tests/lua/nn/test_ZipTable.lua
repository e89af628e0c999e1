-- nn.ZipTable: transpose a table of tables.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function sample()
   return { { torch.randn(2, 3), torch.randn(4) }, { torch.randn(2, 3), torch.randn(4) },
      { torch.randn(2, 3), torch.randn(4) } }
end

function tests.zipsRowsAndColumns()
   torch.manualSeed(3)
   local input = sample()
   local y = nn.ZipTable():forward(input)
   tester:eq(#y, 2, 'one output table per inner position')
   tester:eq(#y[1], 3, 'one entry per input table')
   for i = 1, 3 do
      for j = 1, 2 do
         tester:assert(y[j][i] == input[i][j], 'output[j][i] is input[i][j]')
      end
   end
end

function tests.gradInputIsZippedBack()
   torch.manualSeed(4)
   local m, input = nn.ZipTable(), sample()
   local gradOutput = m:forward(sample())
   local gi = m:backward(input, gradOutput)
   tester:eq(#gi, 3, 'one gradient table per input table')
   for i = 1, 3 do
      tester:eq(#gi[i], 2, 'gradient tables match the inputs')
      for j = 1, 2 do tester:assert(gi[i][j] == gradOutput[j][i], 'gradInput[i][j]') end
   end
end

function tests.ragged()
   local a, b, c = torch.Tensor(1), torch.Tensor(2), torch.Tensor(3)
   local y = nn.ZipTable():forward({ { a, b }, { c } })
   tester:eq(#y, 2, 'longest inner table sets the output length')
   tester:assert(y[1][1] == a and y[1][2] == c and y[2][1] == b, 'ragged zip')
   tester:eq(#y[2], 1, 'short inner tables leave holes at the end')
end

function tests.jacobian()
   torch.manualSeed(5)
   H.tableJacobian(tester, nn.ZipTable(), sample())
end

function tests.errors()
   local m = nn.ZipTable()
   local ok, err = pcall(function() m:forward(torch.Tensor(2)) end)
   tester:assert(not ok and err:find('nn.ZipTable: input must be a table of tables', 1, true),
      'tensor input')
   ok, err = pcall(function() m:forward({ { torch.Tensor(2) }, torch.Tensor(2) }) end)
   tester:assert(not ok and err:find('element 2 of the input must be a table', 1, true),
      'flat table input')
end

function tests.clearStateAndToString()
   H.common(tester, nn.ZipTable(), 'nn.ZipTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.ZipTable(), sample())
end

tester:add(tests)
return tester
