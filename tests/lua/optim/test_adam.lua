-- optim.adam on a quadratic: hand-computed steps, bias correction, decays and state.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- Adam written per element with plain numbers. RETURN: list of x per step, fs, last m, v
local function reference(cfg, steps)
   local lr, lrd = cfg.learningRate or 1e-3, cfg.learningRateDecay or 0
   local b1, b2 = cfg.beta1 or 0.9, cfg.beta2 or 0.999
   local eps, wd = cfg.epsilon or 1e-8, cfg.weightDecay or 0
   local x, m, v, xs, fs = H.copy(H.X0), { 0, 0, 0 }, { 0, 0, 0 }, {}, {}
   for t = 1, steps do
      local f, g = H.scalarEval(x)
      fs[t] = f
      local clr = lr / (1 + (t - 1) * lrd)
      local step = clr * math.sqrt(1 - b2 ^ t) / (1 - b1 ^ t)
      for i = 1, #x do
         g[i] = g[i] + wd * x[i]
         m[i] = b1 * m[i] + (1 - b1) * g[i]
         v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
         x[i] = x[i] - step * m[i] / (math.sqrt(v[i]) + eps)
      end
      xs[t] = H.copy(x)
   end
   return xs, fs, m, v
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local xs, want, m, v = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.adam(opfunc, x, cfg, state)
      tester:assert(xr == x, 'adam returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   H.near(tester, state.m, m, 'first moment')
   H.near(tester, state.v, v, 'second moment')
   return state
end

function tests.firstStepMovesByTheLearningRate()
   local x, opfunc = H.quadratic()
   local state = {}
   local _, fs = optim.adam(opfunc, x, {}, state)
   H.close(tester, fs[1], 13.5, 'f(x0)')
   -- after bias correction the first step is lr * sign(g), up to epsilon
   H.near(tester, x, { 0.999, -1.999, 2.999 }, 'x - 1e-3 * sign(g)', 1e-9)
   tester:eq(H.keys(state), 'denom,m,t,v')
   tester:eq(state.t, 1)
   H.near(tester, state.m, { 0.1, -0.6, 0.2 }, 'm = (1 - beta1) g')
   H.near(tester, state.v, { 0.001, 0.036, 0.004 }, 'v = (1 - beta2) g^2')
   H.near(tester, state.denom, { math.sqrt(0.001) + 1e-8, math.sqrt(0.036) + 1e-8,
      math.sqrt(0.004) + 1e-8 }, 'denom = sqrt(v) + epsilon')
end

function tests.defaultsOverSeveralSteps()
   local state = run({}, 6)
   tester:eq(state.t, 6)
end

function tests.customBetasEpsilonDecays()
   run({ learningRate = 0.05, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-3, weightDecay = 0.1,
      learningRateDecay = 0.2 }, 6)
end

function tests.weightDecayIsAddedToTheReturnedGradient()
   local x, opfunc, log = H.quadratic()
   optim.adam(opfunc, x, { weightDecay = 0.5 }, {})
   H.near(tester, log.grads[1], { 1.5, -7, 3.5 }, 'g + wd * x')
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = { learningRate = 0.01 }
   optim.adam(opfunc, x, config)
   tester:eq(config.t, 1)
   tester:assert(torch.isTensor(config.m) and torch.isTensor(config.v), 'moments in config')
end

function tests.floatParametersGetFloatState()
   local x, opfunc = H.quadratic('Float')
   local state = {}
   optim.adam(opfunc, x, {}, state)
   for _, k in ipairs({ 'm', 'v', 'denom' }) do
      tester:eq(torch.type(state[k]), 'torch.FloatTensor', k)
   end
   H.near(tester, x, { 0.999, -1.999, 2.999 }, 'first step', 1e-6)
end

function tests.savedStateResumesTheSameRun()
   local cfg = { learningRate = 0.1, learningRateDecay = 0.1 }
   local x, opfunc = H.quadratic()
   local state = {}
   for _ = 1, 2 do optim.adam(opfunc, x, cfg, state) end
   local restored = torch.deserialize(torch.serialize(state))
   local y = x:clone()
   for _ = 1, 3 do
      optim.adam(opfunc, x, cfg, state)
      optim.adam(opfunc, y, cfg, restored)
   end
   H.near(tester, y, H.list(x), 'resumed run', 0)
   tester:eq(restored.t, 5)
end

tester:add(tests)
return tester
