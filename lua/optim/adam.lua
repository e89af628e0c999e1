--[[ Adam (Kingma and Ba, 2014): steps scaled by bias-corrected running averages of the
gradient and of its square.

The learning rate is annealed as `learningRate / (1 + t * learningRateDecay)` with `t` the
number of earlier steps; weight decay is added to the gradient (in place) first.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (1e-3), `learningRateDecay` (0), `beta1` (0.9),
  `beta2` (0.999), `epsilon` (1e-8), `weightDecay` (0)
- `state`: optional table kept between calls (defaults to `config`); fields `t` (steps
  taken), `m` (first moment), `v` (second moment), `denom` (sqrt(v) + epsilon)

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) before the update
]]
function optim.adam(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 0.001
   local lrd = config.learningRateDecay or 0
   local beta1 = config.beta1 or 0.9
   local beta2 = config.beta2 or 0.999
   local epsilon = config.epsilon or 1e-8
   local wd = config.weightDecay or 0

   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   state.t = state.t or 0
   state.m = state.m or x.new(dfdx:size()):zero()
   state.v = state.v or x.new(dfdx:size()):zero()
   state.denom = state.denom or x.new(dfdx:size()):zero()

   local clr = lr / (1 + state.t * lrd)
   state.t = state.t + 1

   state.m:mul(beta1):add(1 - beta1, dfdx)
   state.v:mul(beta2):addcmul(1 - beta2, dfdx, dfdx)
   state.denom:copy(state.v):sqrt():add(epsilon)

   local correction1 = 1 - beta1 ^ state.t
   local correction2 = 1 - beta2 ^ state.t
   local stepSize = clr * math.sqrt(correction2) / correction1
   x:addcdiv(-stepSize, state.m, state.denom)

   return x, { fx }
end
