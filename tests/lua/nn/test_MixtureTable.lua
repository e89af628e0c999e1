-- nn.MixtureTable: experts weighted by a gater and summed.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Check gradInput of a {gater, experts} input against central differences.
local function check(m, gater, experts)
   local input = { gater, experts }
   local all = { gater }
   if torch.isTensor(experts) then all[2] = experts else
      for i = 1, #experts do all[#all + 1] = experts[i] end
   end
   for _, t in ipairs(all) do t:uniform(-2, 2) end
   local out = m:forward(input)
   local go = torch.rand(out:size())
   local gi = m:backward(input, go)
   local grads = { gi[1]:clone() }
   if torch.isTensor(experts) then grads[2] = gi[2]:clone() else
      for i = 1, #experts do grads[#grads + 1] = gi[2][i]:clone() end
   end
   local worst = 0
   for k, t in ipairs(all) do
      local flat, g = t:view(-1), grads[k]:view(-1)
      for i = 1, flat:nElement() do
         local orig = flat[i]
         flat[i] = orig + 1e-6
         local fp = torch.cmul(m:forward(input), go):sum()
         flat[i] = orig - 1e-6
         local fm = torch.cmul(m:forward(input), go):sum()
         flat[i] = orig
         worst = math.max(worst, math.abs((fp - fm) / 2e-6 - g[i]))
      end
   end
   tester:assert(worst < H.PRECISION, 'nn.MixtureTable gradient error ' .. worst)
end

function tests.jacobianEveryForm()
   torch.manualSeed(1)
   check(nn.MixtureTable(), torch.Tensor(2, 3), { torch.Tensor(2, 4), torch.Tensor(2, 4),
      torch.Tensor(2, 4) })
   check(nn.MixtureTable(), torch.Tensor(2, 3), torch.Tensor(2, 3, 4))
   check(nn.MixtureTable(), torch.Tensor(3), torch.Tensor(3, 4))
   check(nn.MixtureTable(), torch.Tensor(3), { torch.Tensor(4), torch.Tensor(4), torch.Tensor(4) })
end

function tests.forwardMatchesDefinition()
   local g = torch.Tensor({ { 0.25, 0.75 } })
   local e1, e2 = torch.Tensor({ { 4, 8 } }), torch.Tensor({ { 0, 4 } })
   local y = nn.MixtureTable():forward({ g, { e1, e2 } })
   tester:eq(H.maxDiff(y, torch.Tensor({ { 1, 5 } })), 0, 'weighted sum')
end

function tests.badInputNamesTheModule()
   local ok, err = pcall(function()
      nn.MixtureTable():forward({ torch.rand(2, 3), { torch.rand(2, 4) } })
   end)
   tester:assert(not ok and tostring(err):find('nn.MixtureTable', 1, true) ~= nil, tostring(err))
end

function tests.clearStateAndToString()
   H.common(tester, nn.MixtureTable(), 'nn.MixtureTable')
end

function tests.saveLoadRoundTrip()
   H.roundTrip(tester, nn.MixtureTable(), { torch.rand(2, 3), torch.rand(2, 3, 4) })
end

tester:add(tests)
return tester
