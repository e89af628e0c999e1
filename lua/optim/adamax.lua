--[[ AdaMax (Kingma and Ba, 2014): Adam with the second moment replaced by an exponentially
weighted infinity norm of the gradients.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `learningRate` (0.002), `beta1` (0.9), `beta2` (0.999),
  `epsilon` (1e-38), `weightDecay` (0)
- `state`: optional table kept between calls (defaults to `config`); fields `t` (steps
  taken), `m` (first moment), `u` (weighted infinity norm; 1xN after the first step, as in
  Torch7, because max along a dimension keeps it), `max` (2xN scratch)

RETURN:
- `x`: the updated parameters
- `{fx}`: a table holding f(x) before the update
]]
function optim.adamax(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local lr = config.learningRate or 0.002
   local beta1 = config.beta1 or 0.9
   local beta2 = config.beta2 or 0.999
   local epsilon = config.epsilon or 1e-38
   local wd = config.weightDecay or 0

   local fx, dfdx = opfunc(x)

   if wd ~= 0 then
      dfdx:add(wd, x)
   end

   state.t = state.t or 0
   state.m = state.m or x.new(dfdx:size()):zero()
   state.u = state.u or x.new(dfdx:size()):zero()
   state.max = state.max or x.new(2, unpack(dfdx:size():totable())):zero()

   state.t = state.t + 1

   state.m:mul(beta1):add(1 - beta1, dfdx)
   -- u = max(beta2 * u, |g| + epsilon), taken along the first dimension of the 2xN scratch
   state.max[1]:copy(state.u):mul(beta2)
   state.max[2]:copy(dfdx):abs():add(epsilon)
   torch.max(state.u, torch.LongTensor(), state.max, 1)

   local stepSize = lr / (1 - beta1 ^ state.t)
   x:addcdiv(-stepSize, state.m, state.u)

   return x, { fx }
end
