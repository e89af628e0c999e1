-- nn.Power: elementwise power.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianOnPositiveInputs()
   for _, x in ipairs({ torch.Tensor(3, 4), torch.Tensor(5) }) do
      local err = nn.Jacobian.testJacobian(nn.Power(1.5), x, 0.5, 2)
      tester:assert(err < H.PRECISION, 'Jacobian error ' .. err)
   end
end

function tests.forwardMatchesDefinition()
   local x = torch.rand(3, 4):add(0.25)
   local y = nn.Power(1.5):forward(x)
   tester:assert(H.maxDiff(y, torch.pow(x, 1.5)) < 1e-12, 'elementwise values')
end

function tests.badGradOutputNamesTheModule()
   local m = nn.Power(1.5)
   m:forward(torch.rand(3):add(1))
   local ok, err = pcall(function() m:backward(torch.rand(3):add(1), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Power', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Power(1.5), 'nn.Power')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Power(1.5), torch.rand(2, 3):add(0.5))
end

function tests.integerPowerOnAnySign()
   H.jacobian(tester, nn.Power(3), torch.Tensor(3, 4))
   tester:assert(not pcall(function() nn.Power() end), 'the power is required')
end

tester:add(tests)
return tester
