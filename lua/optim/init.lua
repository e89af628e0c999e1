-- Torch7's `optim` package: first-order and quasi-Newton optimizers over flat parameter
-- tensors, plus training helpers. Loaded by `require 'optim'`; one optimizer per file.
require 'torch'

optim = optim or {}
package.loaded.optim = optim

local files = {
   'sgd', 'nag', 'asgd', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamax', 'rprop',
   'cg', 'lbfgs', 'checkgrad', 'ConfusionMatrix', 'Logger',
}

for _, name in ipairs(files) do
   torch.include('optim', name .. '.lua')
end

return optim
