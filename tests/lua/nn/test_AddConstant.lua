-- nn.AddConstant: input plus a fixed scalar or vector.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.AddConstant(2.5), torch.Tensor(3, 4))
   H.jacobian(tester, nn.AddConstant(torch.Tensor({ 1, 2, 3, 4 })), torch.Tensor(3, 4))
end

function tests.vectorConstantAndInPlace()
   local c = torch.Tensor({ 1, 2 })
   local y = nn.AddConstant(c):forward(torch.Tensor({ { 0, 0 }, { 1, 1 } }))
   tester:eq(H.maxDiff(y, torch.Tensor({ { 1, 2 }, { 2, 3 } })), 0, 'added to each row')
   local x = torch.Tensor({ 1, 2 })
   local m = nn.AddConstant(1, true)
   tester:assert(m:forward(x):isSetTo(x) and x[1] == 2, 'in place')
   m:backward(x, torch.Tensor({ 1, 1 }))
   tester:eq(H.maxDiff(x, torch.Tensor({ 1, 2 })), 0, 'input restored')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.AddConstant(torch.Tensor({ 1, 2 })):forward(torch.Tensor(2, 3))
   end)
   tester:assert(not ok and tostring(err):find('nn.AddConstant', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.AddConstant(2), 'nn.AddConstant')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.AddConstant(-1.5), torch.rand(3, 4))
end

tester:add(tests)
return tester
