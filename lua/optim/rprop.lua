--[[ Resilient backpropagation (Riedmiller): per-parameter step sizes that grow while the
gradient keeps its sign and shrink when it flips; only the sign of the gradient is used.

Each call runs `niter` iterations. After a sign flip the parameter does not move and the
stored gradient is zeroed, so the next iteration leaves that step size alone.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the parameters (a tensor), updated in place
- `config`: optional table; `stepsize` (0.1, the initial step size), `etaplus` (1.2),
  `etaminus` (0.5), `stepsizemax` (50), `stepsizemin` (1e-6), `niter` (1)
- `state`: optional table kept between calls (defaults to `config`); fields `delta`
  (last gradient), `stepsize` (tensor of step sizes), `sign`, and the ByteTensor masks
  `psign`, `nsign`, `zsign`, `dminmax`

RETURN:
- `x`: the updated parameters
- `fs`: a table with f(x) of each iteration, taken before its update
]]
function optim.rprop(opfunc, x, config, state)
   if config == nil and state == nil then
      print('optim.rprop: no config or state table given, starting with fresh state')
   end
   config = config or {}
   state = state or config
   local stepsize = config.stepsize or 0.1
   local etaplus = config.etaplus or 1.2
   local etaminus = config.etaminus or 0.5
   local stepsizemax = config.stepsizemax or 50.0
   local stepsizemin = config.stepsizemin or 1e-06
   local niter = config.niter or 1

   local fs = {}
   for _ = 1, niter do
      local fx, dfdx = opfunc(x)

      if state.delta == nil then
         local size = dfdx:size()
         state.delta = dfdx.new(size):zero()
         state.stepsize = dfdx.new(size):fill(stepsize)
         state.sign = dfdx.new(size)
         state.psign = torch.ByteTensor(size)
         state.nsign = torch.ByteTensor(size)
         state.zsign = torch.ByteTensor(size)
         state.dminmax = torch.ByteTensor(size)
      end
      local sign, steps = state.sign, state.stepsize

      -- did the gradient keep its sign since the last iteration?
      torch.cmul(sign, dfdx, state.delta)
      torch.sign(sign, sign)
      sign.gt(state.psign, sign, 0)
      sign.lt(state.nsign, sign, 0)
      sign.eq(state.zsign, sign, 0)

      -- grow, shrink or keep each step size, then clamp to [stepsizemin, stepsizemax]
      sign[state.psign] = etaplus
      sign[state.nsign] = etaminus
      sign[state.zsign] = 1
      steps:cmul(sign)
      steps.gt(state.dminmax, steps, stepsizemax)
      steps[state.dminmax] = stepsizemax
      steps.lt(state.dminmax, steps, stepsizemin)
      steps[state.dminmax] = stepsizemin

      -- no move where the sign flipped; elsewhere step against the gradient's sign
      dfdx[state.nsign] = 0
      torch.sign(sign, dfdx)
      x:addcmul(-1, sign, steps)
      state.delta:copy(dfdx)

      fs[#fs + 1] = fx
   end
   return x, fs
end
