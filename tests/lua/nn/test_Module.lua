-- nn.Module: parameters, flattening, type conversion, cloning, traversal.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'nn_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function mlp()
   return nn.Sequential():add(nn.Linear(3, 4)):add(nn.Tanh()):add(nn.Linear(4, 2))
end

function tests.baseModuleIsIdentityFree()
   local m = nn.Module()
   tester:eq(m._type, 'torch.DoubleTensor', '_type')
   tester:assert(m:parameters() == nil, 'no parameters')
   H.common(tester, m, 'nn.Module')
   H.jacobian(tester, nn.Linear(2, 2), torch.Tensor(2))
end

function tests.getParametersFlattensAndRepoints()
   torch.manualSeed(51)
   local m = mlp()
   local w1 = m.modules[1].weight:clone()
   local p, g = m:getParameters()
   tester:eq(p:nElement(), 3 * 4 + 4 + 4 * 2 + 2, 'all parameters')
   tester:eq(g:nElement(), p:nElement(), 'all gradients')
   tester:eq(H.maxDiff(m.modules[1].weight, w1), 0, 'values kept')
   local params, grads = m:parameters()
   for i = 1, #params do
      tester:assert(params[i]:storage() == p:storage() or
         torch.pointer(params[i]:storage()) == torch.pointer(p:storage()), 'shares p')
      tester:assert(torch.pointer(grads[i]:storage()) == torch.pointer(g:storage()), 'shares g')
   end
   p:fill(0.25)
   tester:eq(m.modules[3].bias[2], 0.25, 'writes to p reach the modules')
   tester:eq(m.modules[1].weight:storageOffset(), 1, 'first tensor at the start')
   tester:eq(m.modules[1].bias:storageOffset(), 13, 'second after the first')
end

function tests.getParametersKeepsSharing()
   torch.manualSeed(52)
   local a = nn.Linear(3, 3)
   local b = a:clone('weight', 'bias', 'gradWeight', 'gradBias')
   local m = nn.Sequential():add(a):add(b)
   local p = m:getParameters()
   tester:eq(p:nElement(), 12, 'shared tensors counted once')
   a.weight[1][1] = 7
   tester:eq(b.weight[1][1], 7, 'still shared')
end

function tests.flattenDropsHoles()
   local base = torch.Tensor(10):zero()
   for i = 1, 10 do base[i] = i end
   local a = base:narrow(1, 2, 3)
   local b = base:narrow(1, 8, 2)
   local flat = nn.Module.flatten({ a, b })
   tester:eq(flat:nElement(), 5, 'unused elements dropped')
   tester:eq(H.maxDiff(flat, torch.Tensor({ 2, 3, 4, 8, 9 })), 0, 'values in storage order')
   tester:eq(b:storageOffset(), 4, 'offsets remapped')
end

function tests.typeConvertsFieldsAndBuffersKeepingSharing()
   torch.manualSeed(53)
   local m = mlp()
   m:forward(torch.rand(2, 3))
   local lin = m.modules[1]
   lin.extra = { lin.weight:narrow(1, 1, 2) }
   m:float()
   tester:eq(torch.type(lin.weight), 'torch.FloatTensor', 'weight converted')
   tester:eq(torch.type(lin.output), 'torch.FloatTensor', 'buffers converted')
   tester:eq(torch.type(lin.extra[1]), 'torch.FloatTensor', 'nested tables converted')
   tester:eq(m._type, 'torch.FloatTensor', '_type set')
   tester:eq(lin:type(), 'torch.FloatTensor', 'type() without argument')
   tester:assert(torch.pointer(lin.extra[1]:storage()) == torch.pointer(lin.weight:storage()),
      'views of one storage stay on one storage')
   local y = m:forward(torch.rand(2, 3):float())
   tester:eq(torch.type(y), 'torch.FloatTensor', 'float forward')
   m:double()
   tester:eq(torch.type(m.modules[3].bias), 'torch.DoubleTensor', 'back to double')
end

function tests.unavailableTypeIsRefusedBeforeAnyConversion()
   local m = mlp()
   local ok, err = pcall(function() m:cuda() end)
   tester:assert(not ok and tostring(err):find('nn.Sequential:type: no tensor type '
      .. 'torch.CudaTensor (CUDA tensors need cutorch', 1, true) ~= nil, tostring(err))
   tester:eq(torch.type(m.modules[1].weight), 'torch.DoubleTensor', 'nothing converted')
   ok, err = pcall(function() nn.MSECriterion():type('torch.NoSuchTensor') end)
   tester:assert(not ok and tostring(err):find('nn.MSECriterion:type: no tensor type '
      .. 'torch.NoSuchTensor', 1, true) ~= nil, tostring(err))
end

function tests.cloneCopiesOrShares()
   torch.manualSeed(54)
   local m = nn.Linear(2, 2)
   local c = m:clone()
   c.weight[1][1] = 100
   tester:assert(m.weight[1][1] ~= 100, 'a plain clone owns its tensors')
   local s = m:clone('weight')
   s.weight[1][1] = 50
   tester:eq(m.weight[1][1], 50, 'named fields shared')
   tester:assert(s.shared and m.shared, 'both marked shared')
   tester:eq(torch.type(s), 'nn.Linear', 'same class')
end

function tests.trainingEvaluateAndZeroGrad()
   local m = nn.Sequential():add(nn.Dropout()):add(nn.Linear(2, 2))
   m:evaluate()
   tester:eq(m.modules[1].train, false, 'children evaluate')
   m:training()
   tester:eq(m.modules[2].train, true, 'children train')
   m.modules[2].gradWeight:fill(3)
   m:zeroGradParameters()
   tester:eq(m.modules[2].gradWeight[1][1], 0, 'zeroed')
end

function tests.updateParametersStepsAgainstTheGradient()
   local m = nn.Linear(2, 1)
   m.weight:fill(1); m.bias:fill(1)
   m.gradWeight:fill(2); m.gradBias:fill(4)
   m:updateParameters(0.5)
   tester:eq(m.weight[1][1], 0, 'weight - lr * grad')
   tester:eq(m.bias[1], -1, 'bias - lr * grad')
end

function tests.traversal()
   local inner = nn.Sequential():add(nn.Linear(2, 2))
   local m = nn.Sequential():add(nn.Tanh()):add(inner)
   local seen = {}
   m:apply(function(x) seen[#seen + 1] = torch.type(x) end)
   tester:eq(table.concat(seen, ','), 'nn.Sequential,nn.Tanh,nn.Sequential,nn.Linear', 'apply')
   tester:eq(#m:listModules(), 4, 'listModules')
   local found, containers = m:findModules('nn.Linear')
   tester:eq(#found, 1, 'findModules')
   tester:assert(containers[1] == inner, 'with its container')
   m:replace(function(x) if torch.type(x) == 'nn.Tanh' then return nn.Sigmoid() end return x end)
   tester:eq(torch.type(m.modules[1]), 'nn.Sigmoid', 'replace')
   m:reset()
end

function tests.saveLoadRoundTrip()
   torch.manualSeed(88)
   H.roundTrip(tester, nn.Sequential():add(nn.Linear(3, 3)):add(nn.ReLU()), torch.rand(3))
end

tester:add(tests)
return tester
