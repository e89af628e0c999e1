-- optim.asgd on a quadratic: decayed steps, the step-size schedule and averaging.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- ASGD written per element with plain numbers. RETURN: x per step, fs, ax per step
local function reference(cfg, steps)
   local eta0, lambda = cfg.eta0 or 1e-4, cfg.lambda or 1e-4
   local alpha, t0 = cfg.alpha or 0.75, cfg.t0 or 1e6
   local x, ax, xs, fs, axs = H.copy(H.X0), { 0, 0, 0 }, {}, {}, {}
   local eta, mu = eta0, 1
   for t = 1, steps do
      local f, g = H.scalarEval(x)
      fs[t] = f
      for i = 1, #x do
         x[i] = x[i] * (1 - lambda * eta) - eta * g[i]
         ax[i] = mu ~= 1 and ax[i] + mu * (x[i] - ax[i]) or x[i]
      end
      eta = eta0 / (1 + lambda * eta0 * t) ^ alpha
      mu = 1 / math.max(1, t - t0)
      xs[t], axs[t] = H.copy(x), H.copy(ax)
   end
   return xs, fs, axs
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local config = {}
   for k, v in pairs(cfg) do config[k] = v end
   local xs, want, axs = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs, ax = optim.asgd(opfunc, x, config, state)
      tester:assert(xr == x, 'asgd returns the tensor it updated')
      tester:assert(ax == state.ax, 'the third result is state.ax')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
      H.near(tester, ax, axs[k], 'average after step ' .. k)
   end
   tester:eq(state.t, steps)
   return state, config
end

function tests.firstStepWithDefaults()
   local x, opfunc = H.quadratic()
   local state = {}
   optim.asgd(opfunc, x, {}, state)
   local want = {}
   for i, g in ipairs({ 1, -6, 2 }) do want[i] = H.X0[i] * (1 - 1e-8) - 1e-4 * g end
   H.near(tester, x, want, 'x (1 - lambda eta0) - eta0 g')
   tester:eq(H.keys(state), 'ax,eta_t,mu_t,t,tmp')
   H.close(tester, state.eta_t, 1e-4 / (1 + 1e-8) ^ 0.75, 'next eta')
   tester:eq(state.mu_t, 1)
end

function tests.averagingStartsAfterT0()
   local state = run({ eta0 = 0.1, lambda = 0.05, alpha = 0.6, t0 = 2 }, 7)
   H.close(tester, state.mu_t, 1 / 5, 'mu after 7 steps')
end

function tests.missingHyperParametersAreWrittenIntoConfig()
   local _, config = run({ eta0 = 0.01 }, 2)
   tester:eq(config.eta0, 0.01)
   tester:eq(config.lambda, 1e-4)
   tester:eq(config.alpha, 0.75)
   tester:eq(config.t0, 1e6)
end

tester:add(tests)
return tester
