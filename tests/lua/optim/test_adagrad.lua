-- optim.adagrad on a quadratic: hand-computed steps, annealing, weight decay and state.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- AdaGrad written per element with plain numbers. RETURN: list of x per step, fs, variance
local function reference(cfg, steps)
   local lr, lrd, wd = cfg.learningRate or 1e-3, cfg.learningRateDecay or 0, cfg.weightDecay or 0
   local x, var, xs, fs = H.copy(H.X0), { 0, 0, 0 }, {}, {}
   for k = 0, steps - 1 do
      local f, g = H.scalarEval(x)
      fs[k + 1] = f
      local clr = lr / (1 + k * lrd)
      for i = 1, #x do
         g[i] = g[i] + wd * x[i]
         var[i] = var[i] + g[i] * g[i]
         x[i] = x[i] - clr * g[i] / (math.sqrt(var[i]) + 1e-10)
      end
      xs[k + 1] = H.copy(x)
   end
   return xs, fs, var
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local state = {}
   local xs, want, var = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.adagrad(opfunc, x, cfg, state)
      tester:assert(xr == x, 'adagrad returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   H.near(tester, state.paramVariance, var, 'sum of squared gradients')
   local std = {}
   for i, v in ipairs(var) do std[i] = math.sqrt(v) + 1e-10 end
   H.near(tester, state.paramStd, std, 'paramStd keeps the added 1e-10')
   tester:eq(state.evalCounter, steps)
   return state
end

function tests.firstStepMovesByTheLearningRate()
   local x, opfunc = H.quadratic()
   local state = {}
   local _, fs = optim.adagrad(opfunc, x, {}, state)
   H.close(tester, fs[1], 13.5, 'f(x0)')
   H.near(tester, x, { 0.999, -1.999, 2.999 }, 'x - 1e-3 * g / |g|', 1e-9)
   tester:eq(H.keys(state), 'evalCounter,paramStd,paramVariance')
   H.near(tester, state.paramVariance, { 1, 36, 4 }, 'g^2')
end

function tests.defaultsOverSeveralSteps()
   run({}, 5)
end

function tests.annealingAndWeightDecay()
   run({ learningRate = 0.1, learningRateDecay = 0.5, weightDecay = 0.2 }, 5)
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = { learningRate = 0.1 }
   optim.adagrad(opfunc, x, config)
   tester:eq(config.evalCounter, 1)
   tester:assert(torch.isTensor(config.paramVariance), 'the variance lives in config')
end

function tests.savedStateResumesTheSameRun()
   local cfg = { learningRate = 0.1, learningRateDecay = 0.1 }
   local x, opfunc = H.quadratic()
   local state = {}
   for _ = 1, 2 do optim.adagrad(opfunc, x, cfg, state) end
   local restored = torch.deserialize(torch.serialize(state))
   local y = x:clone()
   for _ = 1, 3 do
      optim.adagrad(opfunc, x, cfg, state)
      optim.adagrad(opfunc, y, cfg, restored)
   end
   H.near(tester, y, H.list(x), 'resumed run', 0)
end

tester:add(tests)
return tester
