-- nn.hessian: diagonal-Hessian estimates on layers, point-wise modules, containers, criteria.
require 'nn'
local tester = torch.Tester()
local tests = {}
local precision = 1e-5

local function checkLayer(module, input)
   local J = nn.Jacobian
   tester:assert(J.testDiagHessianInput(module, input) < precision, 'diagHessianInput')
   tester:assert(J.testDiagHessianWeight(module, input) < precision, 'diagHessianWeight')
   if module.bias then
      tester:assert(J.testDiagHessianBias(module, input) < precision, 'diagHessianBias')
   end
end

function tests.linearLayers()
   torch.manualSeed(3)
   checkLayer(nn.Linear(4, 3), torch.Tensor(5, 4))
   checkLayer(nn.Linear(4, 3), torch.Tensor(4))
   checkLayer(nn.Linear(4, 3):noBias(), torch.Tensor(2, 4))
end

function tests.convolutionLayers()
   torch.manualSeed(4)
   checkLayer(nn.SpatialConvolution(2, 3, 3, 2, 1, 1), torch.Tensor(2, 5, 4))
   checkLayer(nn.SpatialConvolution(2, 3, 3, 2, 2, 1, 1, 1), torch.Tensor(2, 2, 5, 4))
   checkLayer(nn.SpatialConvolutionLocal(2, 2, 4, 4, 2, 2), torch.Tensor(2, 4, 4))
end

function tests.tanhIsSquaredDerivative()
   torch.manualSeed(5)
   local m = nn.Tanh()
   local x, dh = torch.randn(3, 4), torch.rand(3, 4)
   local y = m:forward(x)
   local d = m:updateDiagHessianInput(x, dh)
   local expected = y:clone():cmul(y):mul(-1):add(1)
   expected:cmul(expected):cmul(dh)
   tester:assert((d - expected):abs():max() < 1e-12, 'Tanh diagHessianInput')
   local g = m:updateGradInput(x, dh)
   tester:assert(g ~= d, 'gradInput kept apart from diagHessianInput')
end

function tests.mseCriterion()
   local c = nn.MSECriterion()
   local x = torch.randn(2, 5)
   tester:assert(c:updateDiagHessianInput(x, x:clone()):max() == 2 / 10, 'averaged')
   c.sizeAverage = false
   tester:assert(c:updateDiagHessianInput(x, x:clone()):min() == 2, 'summed')
end

function tests.sequentialChainsLayers()
   torch.manualSeed(6)
   local l1, l2 = nn.Linear(3, 4), nn.Linear(4, 2)
   local seq = nn.Sequential():add(l1):add(nn.Tanh()):add(l2)
   seq:initDiagHessianParameters()
   local x = torch.randn(5, 3)
   seq:forward(x)
   local dh = torch.Tensor(5, 2):fill(1)
   local d = seq:updateDiagHessianInput(x, dh)
   tester:assert(d:isSameSizeAs(x), 'diagHessianInput has the input shape')
   tester:assert(seq.diagHessianInput == d, 'kept in the container')
   -- the last layer's input-Hessian is the squared weights summed over outputs
   local expected = torch.cmul(l2.weight, l2.weight):sum(1):expand(5, 4)
   tester:assert((l2.diagHessianInput - expected):abs():max() < 1e-12, 'last layer')
   seq:accDiagHessianParameters(x, dh)
   tester:assert(l1.diagHessianWeight:abs():sum() > 0, 'first layer accumulated')
   -- the Hessian of the last weights is the squared input summed over the batch
   local h = l1.output.new():resizeAs(l1.output):copy(seq.modules[2].output)
   local expectedW = torch.mm(dh:t(), torch.cmul(h, h))
   tester:assert((l2.diagHessianWeight - expectedW):abs():max() < 1e-10, 'last weights')
end

function tests.parametersGiveHessians()
   local seq = nn.Sequential():add(nn.Linear(3, 2)):add(nn.Tanh()):add(nn.Linear(2, 1))
   seq:initDiagHessianParameters()
   local w, gw, hw = seq:parameters()
   tester:assert(#w == 4 and #gw == 4 and #hw == 4, 'three lists of four tensors')
   tester:assert(hw[1] == seq.modules[1].diagHessianWeight, 'Hessian of the first weight')
   local p, g, h = seq:getParameters()
   tester:assert(p:nElement() == 11 and g:nElement() == 11 and h:nElement() == 11,
      'flattened alike')
   local _, _, h2 = nn.Identity():getParameters()
   tester:assert(h2 == nil, 'no Hessian without parameters')
end

function tests.undefinedModulesError()
   local ok, err = pcall(function()
      nn.ReLU():updateDiagHessianInput(torch.randn(3), torch.randn(3))
   end)
   tester:assert(not ok and tostring(err):find('nn.ReLU:updateDiagHessianInput', 1, true),
      'names the module')
   local ok2 = pcall(function() nn.hessian.updateDiagHessianInput(nn.Linear(2, 2),
      torch.randn(2), torch.randn(2), { 'weight' }, {}) end)
   tester:assert(not ok2, 'mismatched field lists')
end

function tests.enableTwiceIsHarmless()
   local parameters = nn.Module.parameters
   nn.hessian.enable()
   tester:assert(nn.Module.parameters == parameters, 'second enable changes nothing')
end

-- every test works with the Hessian methods in place
for name, f in pairs(tests) do
   tests[name] = function() nn.hessian.enable(); f() end
end

tester:add(tests)
return tester
