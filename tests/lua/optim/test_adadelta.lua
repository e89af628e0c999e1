-- optim.adadelta on a quadratic: hand-computed steps, state fields and defaults.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- AdaDelta written per element with plain numbers. RETURN: x per step, fs, var, acc
local function reference(cfg, steps)
   local rho, eps, wd = cfg.rho or 0.9, cfg.eps or 1e-6, cfg.weightDecay or 0
   local x, var, acc, xs, fs = H.copy(H.X0), { 0, 0, 0 }, { 0, 0, 0 }, {}, {}
   for k = 1, steps do
      local f, g = H.scalarEval(x)
      fs[k] = f
      for i = 1, #x do
         g[i] = g[i] + wd * x[i]
         var[i] = rho * var[i] + (1 - rho) * g[i] * g[i]
         local delta = math.sqrt(acc[i] + eps) / math.sqrt(var[i] + eps) * g[i]
         x[i] = x[i] - delta
         acc[i] = rho * acc[i] + (1 - rho) * delta * delta
      end
      xs[k] = H.copy(x)
   end
   return xs, fs, var, acc
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local xs, want, var, acc = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.adadelta(opfunc, x, cfg, state)
      tester:assert(xr == x, 'adadelta returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   H.near(tester, state.paramVariance, var, 'running mean of g^2')
   H.near(tester, state.accDelta, acc, 'running mean of squared updates')
   tester:eq(state.evalCounter, steps)
   return state
end

function tests.firstStep()
   local x, opfunc = H.quadratic()
   local state = {}
   optim.adadelta(opfunc, x, {}, state)
   tester:eq(H.keys(state), 'accDelta,delta,evalCounter,paramStd,paramVariance')
   -- delta = sqrt(eps) / sqrt(0.1 g^2 + eps) * g
   local want = {}
   for i, g in ipairs({ 1, -6, 2 }) do
      want[i] = H.X0[i] - 1e-3 / math.sqrt(0.1 * g * g + 1e-6) * g
   end
   H.near(tester, x, want, 'first step')
   H.near(tester, state.paramVariance, { 0.1, 3.6, 0.4 }, '(1 - rho) g^2')
end

function tests.defaultsOverSeveralSteps()
   run({}, 6)
end

function tests.customRhoEpsAndWeightDecay()
   run({ rho = 0.5, eps = 1e-2, weightDecay = 0.1 }, 6)
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = {}
   optim.adadelta(opfunc, x, config)
   tester:eq(config.evalCounter, 1)
end

tester:add(tests)
return tester
