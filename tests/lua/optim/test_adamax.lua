-- optim.adamax on a quadratic: hand-computed steps, the infinity-norm state and defaults.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- AdaMax written per element with plain numbers. RETURN: list of x per step, fs, m, u
local function reference(cfg, steps)
   local lr, b1, b2 = cfg.learningRate or 0.002, cfg.beta1 or 0.9, cfg.beta2 or 0.999
   local eps, wd = cfg.epsilon or 1e-38, cfg.weightDecay or 0
   local x, m, u, xs, fs = H.copy(H.X0), { 0, 0, 0 }, { 0, 0, 0 }, {}, {}
   for t = 1, steps do
      local f, g = H.scalarEval(x)
      fs[t] = f
      for i = 1, #x do
         g[i] = g[i] + wd * x[i]
         m[i] = b1 * m[i] + (1 - b1) * g[i]
         u[i] = math.max(b2 * u[i], math.abs(g[i]) + eps)
         x[i] = x[i] - lr / (1 - b1 ^ t) * m[i] / u[i]
      end
      xs[t] = H.copy(x)
   end
   return xs, fs, m, u
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local xs, want, m, u = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.adamax(opfunc, x, cfg, state)
      tester:assert(xr == x, 'adamax returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   H.near(tester, state.m, m, 'first moment')
   H.near(tester, state.u, u, 'infinity norm')
   return state
end

function tests.firstStepMovesByTheLearningRate()
   local x, opfunc = H.quadratic()
   local state = {}
   local _, fs = optim.adamax(opfunc, x, {}, state)
   H.close(tester, fs[1], 13.5, 'f(x0)')
   H.near(tester, x, { 0.998, -1.998, 2.998 }, 'x - 0.002 * sign(g)')
   tester:eq(H.keys(state), 'm,max,t,u')
   tester:eq(state.t, 1)
   H.near(tester, state.u, { 1, 6, 2 }, 'u = |g|')
   tester:eq(state.max:dim(), 2)
   tester:eq(state.max:size(1), 2)
   H.near(tester, state.max[2], { 1, 6, 2 }, 'scratch row 2 = |g| + epsilon')
end

function tests.defaultsOverSeveralSteps()
   run({}, 6)
end

function tests.customHyperParameters()
   run({ learningRate = 0.05, beta1 = 0.5, beta2 = 0.6, epsilon = 1e-3, weightDecay = 0.1 }, 6)
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = {}
   optim.adamax(opfunc, x, config)
   optim.adamax(opfunc, x, config)
   tester:eq(config.t, 2)
end

function tests.savedStateResumesTheSameRun()
   local x, opfunc = H.quadratic()
   local state = {}
   for _ = 1, 2 do optim.adamax(opfunc, x, {}, state) end
   local restored = torch.deserialize(torch.serialize(state))
   local y = x:clone()
   for _ = 1, 3 do
      optim.adamax(opfunc, x, {}, state)
      optim.adamax(opfunc, y, {}, restored)
   end
   H.near(tester, y, H.list(x), 'resumed run', 0)
end

tester:add(tests)
return tester
