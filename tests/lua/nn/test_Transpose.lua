-- nn.Transpose: pairs of dimensions swapped, copied.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobianEveryForm()
   H.jacobian(tester, nn.Transpose({ 1, 2 }), torch.Tensor(3, 4))
   H.jacobian(tester, nn.Transpose({ 1, 3 }, { 2, 3 }), torch.Tensor(2, 3, 4))
   H.jacobian(tester, nn.Transpose({ 1, 2 }):setNumInputDims(2), torch.Tensor(2, 3, 4))
end

function tests.forwardMatchesTranspose()
   local x = torch.rand(2, 3, 4)
   local y = nn.Transpose({ 1, 3 }, { 2, 3 }):forward(x)
   tester:eq(H.maxDiff(y, x:transpose(1, 3):transpose(2, 3)), 0, 'two swaps')
   tester:assert(y:isContiguous(), 'contiguous copy')
end

function tests.badInputIsAnError()
   tester:assert(not pcall(function() nn.Transpose({ 1, 3 }):forward(torch.rand(2, 2)) end),
      'dimension out of range raises')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Transpose({ 1, 2 }), 'nn.Transpose')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Transpose({ 1, 2 }), torch.rand(3, 2))
end

tester:add(tests)
return tester
