-- nn.SparseJacobian: nn.Jacobian's finite-difference checks for modules whose input is sparse,
-- an nnz x 2 tensor of {index, value} rows. Only the values (column 2) are perturbed, and the
-- gradient with respect to them is read from column 2 of gradInput; the indices stay as given.
-- Checks of parameters perturb the parameter tensor itself, as nn.Jacobian does.
nn.SparseJacobian = {}
local SparseJacobian = nn.SparseJacobian
local Jacobian = nn.Jacobian

-- The values of a sparse input: column 2, a view sharing the input's storage.
local function values(input)
   return input:select(2, 2)
end

-- Fill `t` with uniform values in [minval, maxval] drawn from the torch generator.
local function fillUniform(t, minval, maxval)
   t:copy(torch.rand(t:nElement()):mul(maxval - minval):add(minval))
end

-- Largest |a[i] - b[i]|; infinite when the two do not hold the same number of elements.
local function maxAbsDiff(a, b)
   if a:nElement() ~= b:nElement() then return math.huge end
   return Jacobian._maxAbsDiff(a, b)
end

--[[ The Jacobian computed by back-propagation: row k holds d(output)/d(value k) (column 2
of gradInput), or, with `param`, d(output)/d(param[k]) read from its gradient `dparam`.
ARGS: module, input (nnz x 2 tensor), param, dparam (tensors, optional)
RETURN: a (nnz or param:nElement()) x output:nElement() tensor ]]
function SparseJacobian.backward(module, input, param, dparam)
   if param then return Jacobian.backward(module, input, param, dparam) end
   module:forward(input)
   local dout = module.output.new():resizeAs(module.output)
   local sdout = dout:view(dout:nElement())
   local jacobian = torch.Tensor(input:size(1), dout:nElement()):zero()
   for i = 1, sdout:nElement() do
      dout:zero()
      sdout[i] = 1
      module:zeroGradParameters()
      local din = module:updateGradInput(input, dout)
      module:accGradParameters(input, dout)
      jacobian:select(2, i):copy(values(din))
   end
   return jacobian
end

--[[ The change of `param` made by accUpdateGradParameters(input, e_i, 1) for every output
direction e_i, starting each time from the original parameters with zeroed gradients.
ARGS: module, input (nnz x 2 tensor), param (tensor)
RETURN: a param:nElement() x output:nElement() tensor ]]
function SparseJacobian.backwardUpdate(module, input, param)
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
      module:zeroGradParameters()
      module:updateGradInput(input, dout)
      module:accUpdateGradParameters(input, dout, 1)
      jacobian:select(2, i):copy(param)
   end
   for j = 1, #params do params[j]:copy(orig[j]) end
   return jacobian
end

--[[ The Jacobian by central differences (step `perturbation`, default 1e-6) with respect to
the input's values, or to `param` when given.
ARGS: module, input (nnz x 2 tensor), param (tensor, optional), perturbation (number)
RETURN: a (nnz or param:nElement()) x output:nElement() tensor ]]
function SparseJacobian.forward(module, input, param, perturbation)
   return Jacobian.forward(module, input, param or values(input), perturbation)
end

--[[ param[k] minus the central-difference derivative of the output with respect to param[k],
row by row: what backwardUpdate should give.
ARGS: module, input (nnz x 2 tensor), param (tensor), perturbation (number)
RETURN: a param:nElement() x output:nElement() tensor ]]
function SparseJacobian.forwardUpdate(module, input, param, perturbation)
   return Jacobian.forwardUpdate(module, input, param, perturbation)
end

--[[ Fill the input's values with uniform numbers in [minval, maxval] (defaults -2, 2) and
compare the back-propagated Jacobian with central differences.
ARGS: module, input (nnz x 2 tensor), minval, maxval, perturbation (numbers, optional)
RETURN: the largest absolute error ]]
function SparseJacobian.testJacobian(module, input, minval, maxval, perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(values(input), minval, maxval)
   local jf = SparseJacobian.forward(module, input, nil, perturbation)
   local jb = SparseJacobian.backward(module, input)
   return maxAbsDiff(jf, jb)
end

--[[ As testJacobian, for parameter `param` (also refilled) whose gradient is `dparam`.
ARGS: module, input (nnz x 2 tensor), param, dparam (tensors), minval, maxval, perturbation
RETURN: the largest absolute error ]]
function SparseJacobian.testJacobianParameters(module, input, param, dparam, minval, maxval,
                                               perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(values(input), minval, maxval)
   fillUniform(param, minval, maxval)
   local jb = SparseJacobian.backward(module, input, param, dparam)
   local jf = SparseJacobian.forward(module, input, param, perturbation)
   return maxAbsDiff(jf, jb)
end

--[[ Check accUpdateGradParameters against central differences for parameter `param`.
ARGS: module, input (nnz x 2 tensor), param (tensor), minval, maxval, perturbation
RETURN: the largest absolute error ]]
function SparseJacobian.testJacobianUpdateParameters(module, input, param, minval, maxval,
                                                     perturbation)
   minval, maxval = minval or -2, maxval or 2
   fillUniform(values(input), minval, maxval)
   fillUniform(param, minval, maxval)
   local pb = SparseJacobian.backwardUpdate(module, input, param)
   local pf = SparseJacobian.forwardUpdate(module, input, param, perturbation)
   return maxAbsDiff(pf, pb)
end

-- Forward, then backward with gradOutput `go`: clones of output and gradInput.
local function run(module, input, go)
   local output = module:forward(input):clone()
   module:zeroGradParameters()
   module:updateGradInput(input, go)
   module:accGradParameters(input, go)
   return output, module.gradInput:clone()
end

--[[ Save the module to a file, load it, and compare the copy's forward and backward (for a
random gradOutput in [minval, maxval]) with the original's. The input is left as it is.
ARGS: module, input (tensor), minval, maxval (numbers, defaults -2, 2)
RETURN: largest output error, largest gradInput error ]]
function SparseJacobian.testIO(module, input, minval, maxval)
   minval, maxval = minval or -2, maxval or 2
   local go = module:forward(input):clone()
   fillUniform(go, minval, maxval)
   local inputCopy, goCopy = input:clone(), go:clone()
   local fo, bo = run(module, input, go)
   local filename = os.tmpname()
   local f = torch.DiskFile(filename, 'w'):binary()
   f:writeObject(module)
   f:close()
   local m = torch.DiskFile(filename):binary():readObject()
   os.remove(filename)
   local fo2, bo2 = run(m, inputCopy, goCopy)
   return maxAbsDiff(fo, fo2), maxAbsDiff(bo, bo2)
end

--[[ The update-path checks of nn.Jacobian.testAllUpdate, which involve no input
perturbation. RETURN: a table of error norms keyed by the path checked ]]
function SparseJacobian.testAllUpdate(module, input, weight, gradWeight)
   return Jacobian.testAllUpdate(module, input, weight, gradWeight)
end

return SparseJacobian
