--[[ RMSprop: each parameter's step is divided by the root of a leaky mean of its squared
gradients.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (1e-2), `alpha` (0.99, smoothing constant),
  `epsilon` (1e-8), `weightDecay` (0), `initialMean` (0, first value of the leaky mean)
- `state`: optional table kept between calls (defaults to `config`); fields `m` (leaky mean
  of squared gradients) and `tmp` (sqrt(m) + epsilon)

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) before the update
]]
function optim.rmsprop(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 1e-2
   local alpha = config.alpha or 0.99
   local epsilon = config.epsilon or 1e-8
   local wd = config.weightDecay or 0
   local initialMean = config.initialMean or 0

   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   if state.m == nil then
      state.m = torch.Tensor():typeAs(x):resizeAs(dfdx):fill(initialMean)
      state.tmp = torch.Tensor():typeAs(x):resizeAs(dfdx)
   end

   state.m:mul(alpha)
   state.m:addcmul(1 - alpha, dfdx, dfdx)
   state.tmp:sqrt(state.m):add(epsilon)
   x:addcdiv(-lr, dfdx, state.tmp)

   return x, { fx }
end
