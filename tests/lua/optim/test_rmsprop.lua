-- optim.rmsprop on a quadratic: hand-computed steps, initialMean, weight decay and state.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- RMSprop written per element with plain numbers. RETURN: list of x per step, fs, m
local function reference(cfg, steps)
   local lr, alpha = cfg.learningRate or 1e-2, cfg.alpha or 0.99
   local eps, wd, m0 = cfg.epsilon or 1e-8, cfg.weightDecay or 0, cfg.initialMean or 0
   local x, m, xs, fs = H.copy(H.X0), { m0, m0, m0 }, {}, {}
   for k = 1, steps do
      local f, g = H.scalarEval(x)
      fs[k] = f
      for i = 1, #x do
         g[i] = g[i] + wd * x[i]
         m[i] = alpha * m[i] + (1 - alpha) * g[i] * g[i]
         x[i] = x[i] - lr * g[i] / (math.sqrt(m[i]) + eps)
      end
      xs[k] = H.copy(x)
   end
   return xs, fs, m
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local xs, want, m = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.rmsprop(opfunc, x, cfg, state)
      tester:assert(xr == x, 'rmsprop returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   H.near(tester, state.m, m, 'leaky mean of g^2')
   return state
end

function tests.firstStep()
   local x, opfunc = H.quadratic()
   local state = {}
   local _, fs = optim.rmsprop(opfunc, x, {}, state)
   H.close(tester, fs[1], 13.5, 'f(x0)')
   -- m = 0.01 g^2, so the step is 0.01 * g / (0.1 |g|) = 0.1 sign(g)
   H.near(tester, x, { 0.9, -1.9, 2.9 }, 'x - 0.1 * sign(g)', 1e-7)
   tester:eq(H.keys(state), 'm,tmp')
   H.near(tester, state.m, { 0.01, 0.36, 0.04 }, '(1 - alpha) g^2')
   H.near(tester, state.tmp, { 0.1 + 1e-8, 0.6 + 1e-8, 0.2 + 1e-8 }, 'sqrt(m) + epsilon')
end

function tests.defaultsOverSeveralSteps()
   run({}, 6)
end

function tests.initialMeanAlphaEpsilonWeightDecay()
   run({ learningRate = 0.005, alpha = 0.9, epsilon = 1e-3, weightDecay = 0.1,
      initialMean = 0.5 }, 6)
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = {}
   optim.rmsprop(opfunc, x, config)
   tester:assert(torch.isTensor(config.m), 'the mean lives in config')
end

tester:add(tests)
return tester
