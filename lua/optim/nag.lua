--[[ SGD with Nesterov's accelerated gradient (Sutskever et al., 2013): the gradient is
taken after first moving along the momentum vector.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (1e-3), `learningRateDecay` (0),
  `weightDecay` (0), `momentum` (0.9, must be positive), `learningRates` (tensor);
  `dampening` is read but has no effect, as in Torch7
- `state`: optional table kept between calls (defaults to `config`); fields `evalCounter`,
  `dfdx` (the momentum vector), `deltaParameters`

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) at the look-ahead point
]]
function optim.nag(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-3
   local lrd = config.learningRateDecay or 0
   local wd = config.weightDecay or 0
   local mom = config.momentum or 0.9
   local lrs = config.learningRates
   state.evalCounter = state.evalCounter or 0
   local nevals = state.evalCounter
   if mom <= 0 then
      error('optim.nag: momentum must be positive for Nesterov accelerated gradient', 2)
   end

   -- look ahead along the momentum vector, then take the gradient there
   if state.dfdx then
      x:add(mom, state.dfdx)
   end
   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   local clr = lr / (1 + nevals * lrd)

   if state.dfdx == nil then
      state.dfdx = torch.Tensor():typeAs(dfdx):resizeAs(dfdx):fill(0)
   else
      state.dfdx:mul(mom)
   end

   local step = dfdx
   if lrs then
      state.deltaParameters = state.deltaParameters
         or torch.Tensor():typeAs(x):resizeAs(dfdx)
      state.deltaParameters:copy(lrs):cmul(dfdx)
      step = state.deltaParameters
   end
   x:add(-clr, step)
   state.dfdx:add(-clr, step)

   state.evalCounter = state.evalCounter + 1
   return x, { fx }
end
