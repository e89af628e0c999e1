--[[ Compare the gradient returned by `opfunc` with central finite differences.

As in Torch7, the gradient tensor of the first call is used as is: an opfunc that fills
the same gradient buffer on every call overwrites it during the check, so return a fresh
tensor (or a clone) when checking.

ARGS:
- `opfunc`: function(x) returning f(x) (a number or a tensor) and df/dx
- `x`: the point (a 1-D tensor); each element is moved by +-eps and restored
- `eps`: optional step (1e-7)

RETURN:
- `diff`: |dC - dC_est| / |dC + dC_est| (2-norms), small when the gradient is right
- `dC`: the gradient from opfunc, resized like x
- `dC_est`: the finite-difference estimate
]]
function optim.checkgrad(opfunc, x, eps)
   eps = eps or 1e-7
   local c0, dC = opfunc(x)
   dC:resize(x:size())
   -- a tensor-valued f is copied out before the next call can overwrite it
   local hold = torch.isTensor(c0) and c0.new(c0:size()) or nil
   local dCest = torch.Tensor():typeAs(dC):resizeAs(dC)
   for i = 1, dC:size(1) do
      local saved = x[i]
      x[i] = x[i] + eps
      local cPlus = opfunc(x)
      if hold then cPlus = hold:copy(cPlus) end
      x[i] = x[i] - 2 * eps
      local cMinus = opfunc(x)
      x[i] = saved
      dCest[i] = (cPlus - cMinus) / (2 * eps)
   end
   local diff = torch.norm(dC - dCest) / torch.norm(dC + dCest)
   return diff, dC, dCest
end
