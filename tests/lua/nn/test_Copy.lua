-- nn.Copy: copy into another tensor type.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Copy(), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Copy(nil, nil, true), torch.Tensor(3, 4))
end

function tests.convertsTypesAndShares()
   local m = nn.Copy('torch.DoubleTensor', 'torch.FloatTensor')
   local y = m:forward(torch.Tensor({ 1.5, 2 }))
   tester:eq(torch.type(y), 'torch.FloatTensor', 'output type')
   tester:eq(torch.type(m:backward(torch.Tensor(2), y)), 'torch.DoubleTensor', 'gradient type')
   local x = torch.rand(3)
   tester:assert(nn.Copy():forward(x):isSetTo(x), 'same type shares the input')
   tester:assert(not nn.Copy(nil, nil, true):forward(x):isSetTo(x), 'forceCopy copies')
   local kept = nn.Copy('torch.DoubleTensor', 'torch.FloatTensor', false, true):double()
   tester:eq(torch.type(kept.output), 'torch.FloatTensor', 'dontCast keeps the types')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Copy(), 'nn.Copy')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Copy('torch.DoubleTensor', 'torch.FloatTensor'), torch.rand(2, 3))
   H.roundTrip(tester, nn.Copy(), torch.rand(2, 3))
end

tester:add(tests)
return tester
