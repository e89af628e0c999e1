--[[ AdaGrad: each parameter's step is divided by the root of its summed squared gradients.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (1e-3), `learningRateDecay` (0), `weightDecay` (0)
- `state`: optional table kept between calls (defaults to `config`); fields `evalCounter`,
  `paramVariance` (sum of squared gradients), `paramStd` (its root, plus 1e-10)

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) before the update
]]
function optim.adagrad(opfunc, x, config, state)
   if config == nil and state == nil then
      print('optim.adagrad: no config or state table given, starting with fresh state')
   end
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter

   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   local clr = lr / (1 + nevals * lrd)

   if state.paramVariance == nil then
      state.paramVariance = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.paramStd = torch.Tensor():typeAs(x):resizeAs(dfdx)
   end
   state.paramVariance:addcmul(1, dfdx, dfdx)
   state.paramStd:resizeAs(state.paramVariance):copy(state.paramVariance):sqrt():add(1e-10)
   x:addcdiv(-clr, dfdx, state.paramStd)

   state.evalCounter = state.evalCounter + 1
   return x, { fx }
end
