--[[ AdaDelta (Zeiler, 2012): steps scaled by the ratio of running RMS of past updates to
running RMS of gradients; no learning rate.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `rho` (0.9), `eps` (1e-6), `weightDecay` (0)
- `state`: optional table kept between calls (defaults to `config`); fields `evalCounter`,
  `paramVariance` (running mean of squared gradients), `paramStd`, `delta` (last update),
  `accDelta` (running mean of squared updates)

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) before the update
]]
function optim.adadelta(opfunc, x, config, state)
   if config == nil and state == nil then
      print('optim.adadelta: no config or state table given, starting with fresh state')
   end
   config = config or {}
   state = state or config
   local rho = config.rho or 0.9
   local eps = config.eps or 1e-6
   local wd = config.weightDecay or 0
   state.evalCounter = state.evalCounter or 0

   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   if state.paramVariance == nil then
      state.paramVariance = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.paramStd = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.delta = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
      state.accDelta = torch.Tensor():typeAs(x):resizeAs(dfdx):zero()
   end
   local variance, std, delta = state.paramVariance, state.paramStd, state.delta
   variance:mul(rho):addcmul(1 - rho, dfdx, dfdx)
   std:resizeAs(variance):copy(variance):add(eps):sqrt()
   delta:resizeAs(variance):copy(state.accDelta):add(eps):sqrt():cdiv(std):cmul(dfdx)
   x:add(-1, delta)
   state.accDelta:mul(rho):addcmul(1 - rho, delta, delta)

   state.evalCounter = state.evalCounter + 1
   return x, { fx }
end
