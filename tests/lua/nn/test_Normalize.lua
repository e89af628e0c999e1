-- nn.Normalize: vectors divided by their p-norm.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianForSeveralNorms()
   for _, p in ipairs({ 1.5, 2, 3, 4, math.huge }) do
      H.jacobian(tester, nn.Normalize(p), torch.Tensor(3, 4))
      H.jacobian(tester, nn.Normalize(p), torch.Tensor(5))
   end
end

function tests.rowsGetUnitNorm()
   local y = nn.Normalize(2):forward(torch.rand(3, 4))
   for i = 1, 3 do tester:assert(math.abs(y[i]:norm() - 1) < 1e-8, 'unit row ' .. i) end
   tester:assert(not pcall(function() nn.Normalize(0) end), 'p must be positive')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function() nn.Normalize(2):forward(torch.Tensor(2, 3, 4)) end)
   tester:assert(not ok and tostring(err):find('nn.Normalize', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Normalize(2), 'nn.Normalize(2)')
   H.common(tester, nn.Normalize(1.5), 'nn.Normalize(1.500000)')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Normalize(2), torch.rand(3, 4))
end

tester:add(tests)
return tester
