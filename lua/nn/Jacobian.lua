-- nn.Jacobian: finite-difference checks of a module's gradients, used by the tests.
nn.Jacobian = {}
local Jacobian = nn.Jacobian

-- Largest |a[i] - b[i]| of two contiguous tensors with the same number of elements.
local function maxAbsDiff(a, b)
   a, b = a:contiguous(), b:contiguous()
   local pa, pb, m = a:data(), b:data(), 0
   for i = 0, a:nElement() - 1 do
      local d = math.abs(tonumber(pa[i]) - tonumber(pb[i]))
      if d > m or d ~= d then m = d end
   end
   return m
end
Jacobian._maxAbsDiff = maxAbsDiff

-- Fill `t` with uniform values in [minval, maxval] drawn from the torch generator.
local function fillUniform(t, minval, maxval)
   t:copy(torch.rand(t:nElement()):mul(maxval - minval):add(minval))
end

--[[ The Jacobian computed by back-propagation: row k holds d(output)/d(param[k]), where
param is the input, or (with dparam) a parameter tensor whose gradient is dparam.
RETURN: a (param:nElement() x output:nElement()) tensor ]]
function Jacobian.backward(module, input, param, dparam)
   local doparam = param ~= nil
   param = param or input
   module:forward(input)
   local dout = module.output.new():resizeAs(module.output)
   local sdout = dout:view(dout:nElement())
   local jacobian = torch.Tensor(param:nElement(), dout:nElement()):zero()
   for i = 1, sdout:nElement() do
      dout:zero()
      sdout[i] = 1
      module:zeroGradParameters()
      local din = module:updateGradInput(input, dout)
      module:accGradParameters(input, dout)
      jacobian:select(2, i):copy(doparam and dparam or din)
   end
   return jacobian
end

--[[ The change of `param` made by accUpdateGradParameters(input, e_i, 1), for every
output direction e_i. RETURN: a (param:nElement() x output:nElement()) tensor ]]
function Jacobian.backwardUpdate(module, input, param)
   module:forward(input)
   local dout = module.output.new():resizeAs(module.output)
   local sdout = dout:view(dout:nElement())
   local jacobian = torch.Tensor(param:nElement(), dout:nElement()):zero()
   local params = module:parameters()
   local orig = {}
   for j = 1, #params do orig[j] = params[j]:clone() end
   for i = 1, sdout:nElement() do
      for j = 1, #params do params[j]:copy(orig[j]) end
      dout:zero()
      sdout[i] = 1
      module:updateGradInput(input, dout)
      module:accUpdateGradParameters(input, dout, 1)
      jacobian:select(2, i):copy(param)
   end
   for j = 1, #params do params[j]:copy(orig[j]) end
   return jacobian
end

-- Central differences of the output with respect to each element of `param`; `update`
-- turns each row r into param[k] - r (what backwardUpdate produces).
local function centralDifferences(module, input, param, perturbation, update)
   perturbation = perturbation or 1e-6
   local flat = param.new(param):resize(param:nElement())
   local nOut = module:forward(input):nElement()
   local jacobian = torch.Tensor(param:nElement(), nOut)
   local outa, outb = torch.Tensor(nOut), torch.Tensor(nOut)
   for i = 1, flat:nElement() do
      local orig = flat[i]
      flat[i] = orig - perturbation
      outa:copy(module:forward(input))
      flat[i] = orig + perturbation
      outb:copy(module:forward(input))
      flat[i] = orig
      local row, pa, pb = jacobian:select(1, i), outa:data(), outb:data()
      for j = 1, nOut do
         local d = (pb[j - 1] - pa[j - 1]) / (2 * perturbation)
         row[j] = update and (orig - d) or d
      end
   end
   return jacobian
end

--[[ The Jacobian by central differences (step `perturbation`, default 1e-6).
RETURN: a (param:nElement() x output:nElement()) tensor ]]
function Jacobian.forward(module, input, param, perturbation)
   return centralDifferences(module, input, param or input, perturbation, false)
end

function Jacobian.forwardUpdate(module, input, param, perturbation)
   return centralDifferences(module, input, param, perturbation, true)
end

--[[ Fill input with uniform values in [minval, maxval] (defaults -2, 2) and compare the
back-propagated Jacobian with central differences. RETURN: the largest absolute error ]]
function Jacobian.testJacobian(module, input, minval, maxval, perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(input, minval, maxval)
   local jf = Jacobian.forward(module, input, input, perturbation)
   local jb = Jacobian.backward(module, input)
   return maxAbsDiff(jf, jb)
end

--[[ As testJacobian, for parameter `param` whose gradient is `dparam`.
RETURN: the largest absolute error ]]
function Jacobian.testJacobianParameters(module, input, param, dparam, minval, maxval,
                                         perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(input, minval, maxval)
   fillUniform(param, minval, maxval)
   local jb = Jacobian.backward(module, input, param, dparam)
   local jf = Jacobian.forward(module, input, param, perturbation)
   return maxAbsDiff(jf, jb)
end

--[[ Check accUpdateGradParameters against central differences for parameter `param`.
RETURN: the largest absolute error ]]
function Jacobian.testJacobianUpdateParameters(module, input, param, minval, maxval,
                                               perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(input, minval, maxval)
   fillUniform(param, minval, maxval)
   local pb = Jacobian.backwardUpdate(module, input, param)
   local pf = Jacobian.forwardUpdate(module, input, param, perturbation)
   return maxAbsDiff(pf, pb)
end

--[[ Save the module (after clearState, which must return it) to a file, load it, and
compare forward and backward of the copy with the original's.
RETURN: largest output error, largest gradInput error ]]
function Jacobian.testIO(module, input, minval, maxval)
   minval, maxval = minval or -2, maxval or 2
   local inputclone = input:clone()
   module:forward(input)
   local go = module.output:clone()
   fillUniform(go, minval, maxval)
   local goclone = go:clone()
   module:zeroGradParameters()
   module:updateGradInput(input, go)
   module:accGradParameters(input, go)
   local fo, bo = module.output:clone(), module.gradInput:clone()
   local filename = os.tmpname()
   assert(module == module:clearState(), 'nn.Jacobian.testIO: clearState did not return self')
   local f = torch.DiskFile(filename, 'w'):binary()
   f:writeObject(module)
   f:close()
   local m = torch.DiskFile(filename):binary():readObject()
   os.remove(filename)
   m:forward(inputclone)
   m:zeroGradParameters()
   m:updateGradInput(inputclone, goclone)
   m:accGradParameters(inputclone, goclone)
   local errb = bo:nElement() == 0 and 0 or maxAbsDiff(bo, m.gradInput)
   return maxAbsDiff(fo, m.output), errb
end
