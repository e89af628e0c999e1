--[[ Stochastic gradient descent, one step per call.

The gradient gets weight decay (one scalar, or a tensor of per-parameter factors), then
momentum (classic or Nesterov), then the step is scaled by an annealed learning rate
`learningRate / (1 + evalCounter * learningRateDecay)`, optionally per parameter.
The gradient tensor returned by `opfunc` is modified in place, as in Torch7.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (1e-3), `learningRateDecay` (0),
  `weightDecay` (0), `weightDecays` (tensor, used when weightDecay is 0), `momentum` (0),
  `dampening` (defaults to momentum), `nesterov` (false), `learningRates` (tensor)
- `state`: optional table the optimizer keeps between calls (defaults to `config`);
  fields `evalCounter`, `dfdx` (momentum buffer), `decayParameters`, `deltaParameters`

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) at the point where the gradient was taken
]]
function optim.sgd(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   local mom = config.momentum or 0
   local damp = config.dampening or mom
   local nesterov = config.nesterov or false
   local lrs = config.learningRates
   local wds = config.weightDecays
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter
   if nesterov and not (mom > 0 and damp == 0) then
      error('optim.sgd: Nesterov momentum needs momentum > 0 and dampening = 0', 2)
   end

   local fx, dfdx = opfunc(x)

   -- weight decay: a single factor wins over the per-parameter factors
   if wd ~= 0 then
      dfdx:add(wd, x)
   elseif wds then
      state.decayParameters = state.decayParameters
         or torch.Tensor():typeAs(x):resizeAs(dfdx)
      state.decayParameters:copy(wds):cmul(x)
      dfdx:add(state.decayParameters)
   end

   -- momentum: the first call seeds the buffer with the raw gradient
   if mom ~= 0 then
      if state.dfdx == nil then
         state.dfdx = torch.Tensor():typeAs(dfdx):resizeAs(dfdx):copy(dfdx)
      else
         state.dfdx:mul(mom):add(1 - damp, dfdx)
      end
      if nesterov then
         dfdx:add(mom, state.dfdx)
      else
         dfdx = state.dfdx
      end
   end

   local clr = lr / (1 + nevals * lrd)

   if lrs then
      state.deltaParameters = state.deltaParameters
         or torch.Tensor():typeAs(x):resizeAs(dfdx)
      state.deltaParameters:copy(lrs):cmul(dfdx)
      x:add(-clr, state.deltaParameters)
   else
      x:add(-clr, dfdx)
   end

   state.evalCounter = state.evalCounter + 1
   return x, { fx }
end
