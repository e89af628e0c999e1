-- Walker's alias method: torch.multinomialAliasSetup / torch.multinomialAlias.
local tester = torch.Tester()
local tests = {}

function tests.samplesFollowTheDistribution()
   torch.manualSeed(3)
   local probs = torch.Tensor({0.1, 0.5, 0.15, 0.25})
   local state = torch.multinomialAliasSetup(probs)
   local out = torch.multinomialAlias(torch.LongTensor(200000), state)
   tester:assert(out:min() >= 1 and out:max() <= 4, 'samples are 1-based class indices')
   for c = 1, 4 do
      local freq = out:eq(c):sum() / out:nElement()
      tester:assertalmosteq(freq, probs[c], 0.01, 'frequency of class ' .. c)
   end
end

function tests.setupReusesTheStateTensors()
   local probs = torch.Tensor({0.2, 0.3, 0.5})
   local state = torch.multinomialAliasSetup(probs)
   local J, q = state[1], state[2]
   local again = torch.multinomialAliasSetup(probs, state)
   tester:assert(again[1] == J and again[2] == q, 'the given tensors are reused')
   tester:eq(torch.typename(J), 'torch.LongTensor')
   tester:assert(J:min() >= 1 and J:max() <= 3, 'alias indices are 1-based')
   tester:assert(q:max() <= 1 and q:min() > 0, 'acceptance probabilities lie in (0, 1]')
end

function tests.sameSeedSameSamples()
   local state = torch.multinomialAliasSetup(torch.Tensor({0.3, 0.3, 0.4}))
   torch.manualSeed(9)
   local a = torch.multinomialAlias(torch.LongTensor(50), state)
   torch.manualSeed(9)
   local b = torch.multinomialAlias(torch.LongTensor(50), state)
   tester:assertTensorEq(a, b, 0, 'the draws follow the torch generator')
end

function tests.badArgumentsRaise()
   tester:assertError(function() torch.multinomialAliasSetup(torch.LongTensor({1, 2})) end)
   tester:assertError(function() torch.multinomialAliasSetup(torch.Tensor({0, 1, 0})) end)
   tester:assertError(function() torch.multinomialAlias(torch.Tensor(3), {}) end)
end

tester:add(tests)
return tester
