-- nn.Contiguous: the input, or a contiguous copy of it.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.jacobian()
   H.jacobian(tester, nn.Contiguous(), torch.Tensor(3, 4))
end

function tests.sharesContiguousAndCopiesStrided()
   local x = torch.rand(3, 4)
   local m = nn.Contiguous()
   tester:assert(m:forward(x):isSetTo(x), 'contiguous input is shared')
   local y = m:forward(x:t())
   tester:assert(y:isContiguous() and H.maxDiff(y, x:t()) == 0, 'strided input is copied')
   tester:assert(m:backward(x:t(), x:t()):isContiguous(), 'gradient made contiguous')
end

function tests.clearStateAndToString()
   H.common(tester, nn.Contiguous(), 'nn.Contiguous')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.Contiguous(), torch.rand(3, 2):t())
end

tester:add(tests)
return tester
