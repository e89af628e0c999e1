-- nn.Square: elementwise square.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Square(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Square(), torch.Tensor(2, 3, 2))
end

function tests.forwardMatchesDefinition()
   local x = torch.rand(3, 4):add(0.25)
   local y = nn.Square():forward(x)
   tester:assert(H.maxDiff(y, torch.cmul(x, x)) < 1e-12, 'elementwise values')
end

function tests.badGradOutputNamesTheModule()
   local m = nn.Square()
   m:forward(torch.rand(3):add(1))
   local ok, err = pcall(function() m:backward(torch.rand(3):add(1), torch.rand(4)) end)
   tester:assert(not ok and tostring(err):find('nn.Square', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.Square(), 'nn.Square')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Square(), torch.rand(2, 3):add(0.5))
end

tester:add(tests)
return tester
