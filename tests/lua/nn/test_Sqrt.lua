-- nn.Sqrt: elementwise square root.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianOnPositiveInputs()
   for _, x in ipairs({ torch.Tensor(3, 4), torch.Tensor(5) }) do
      local err = nn.Jacobian.testJacobian(nn.Sqrt(), x, 0.5, 2)
      tester:assert(err < H.PRECISION, 'Jacobian error ' .. err)
   end
end

function tests.forwardMatchesDefinition()
   local x = torch.rand(3, 4):add(0.25)
   local y = nn.Sqrt():forward(x)
   tester:assert(H.maxDiff(y, torch.sqrt(x)) < 1e-12, 'elementwise values')
end

function tests.badGradOutputNamesTheModule()
   local m = nn.Sqrt()
   m:forward(torch.rand(3):add(1))
   local ok, err = pcall(function() m:backward(torch.rand(3):add(1), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Sqrt', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Sqrt(), 'nn.Sqrt')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Sqrt(), torch.rand(2, 3):add(0.5))
end

function tests.zeroOutputGivesZeroGradient()
   local m = nn.Sqrt()
   local x = torch.Tensor({ 0, 4 })
   m:forward(x)
   local gi = m:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(H.maxDiff(gi, torch.Tensor({ 0, 0.25 })), 0, 'gradient 0 where output is 0')
end

tester:add(tests)
return tester
