-- Torch7's `nn` package: modules, containers and criteria over the array kernels.
-- Loaded by `require 'nn'`; every class lives in its own file, named after it.
require 'torch'

nn = nn or {}
package.loaded.nn = nn

local files = {
   'utils', 'utils_tensor', 'smallKernels', 'smallKernelsActivation', 'smallKernelsSoftMax',
   'smallKernelsLinear', 'smallKernelsCriterion', 'smallKernelsTable', 'smallKernelsDropout',
   'flatten', 'Module', 'utils_conv', 'Container', 'Sequential', 'Concat',
   'ConcatTable', 'ParallelTable', 'Parallel', 'Identity', 'Criterion',
   'Linear', 'Tanh', 'Sigmoid', 'Threshold', 'ReLU', 'HardTanh', 'SoftMax', 'LogSoftMax', 'ELU',
   'LeakyReLU', 'Dropout', 'View', 'Reshape', 'CAddTable', 'JoinTable', 'SelectTable',
   'ClassNLLCriterion', 'MSECriterion', 'CrossEntropyCriterion', 'AbsCriterion',
   'Jacobian', 'JacobianUpdate', 'SparseJacobian',
}

for _, name in ipairs(files) do
   torch.include('nn', name .. '.lua')
end

-- Further classes, one list per family (each list file returns class file names in load order).
for _, family in ipairs({ 'classes_simple', 'classes_table', 'classes_transfer',
                          'classes_criterion', 'classes_conv', 'classes_pool' }) do
   for _, name in ipairs(torch.include('nn', family .. '.lua')) do
      torch.include('nn', name .. '.lua')
   end
end

return nn
