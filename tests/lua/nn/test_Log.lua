-- nn.Log: elementwise logarithm.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianOnPositiveInputs()
   for _, x in ipairs({ torch.Tensor(3, 4), torch.Tensor(5) }) do
      local err = nn.Jacobian.testJacobian(nn.Log(), x, 0.5, 2)
      tester:assert(err < H.PRECISION, 'Jacobian error ' .. err)
   end
end

function tests.forwardMatchesDefinition()
   local x = torch.rand(3, 4):add(0.25)
   local y = nn.Log():forward(x)
   tester:assert(H.maxDiff(y, torch.log(x)) < 1e-12, 'elementwise values')
end

function tests.badGradOutputNamesTheModule()
   local m = nn.Log()
   m:forward(torch.rand(3):add(1))
   local ok, err = pcall(function() m:backward(torch.rand(3):add(1), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Log', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Log(), 'nn.Log')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Log(), torch.rand(2, 3):add(0.5))
end

tester:add(tests)
return tester
