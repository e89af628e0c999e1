-- optim.sgd on a quadratic: hand-computed steps, momentum rules, decays, state and errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- The sgd update written per element with plain numbers. RETURN: list of x per step, fs
local function reference(cfg, steps)
   local lr, lrd = cfg.learningRate or 1e-3, cfg.learningRateDecay or 0
   local wd, wds, lrs = cfg.weightDecay or 0, cfg.weightDecays, cfg.learningRates
   local mom = cfg.momentum or 0
   local damp = cfg.dampening or mom
   local x, buf, xs, fs = H.copy(H.X0), nil, {}, {}
   for k = 0, steps - 1 do
      local f, g = H.scalarEval(x)
      fs[k + 1] = f
      for i = 1, #x do
         if wd ~= 0 then g[i] = g[i] + wd * x[i] elseif wds then g[i] = g[i] + wds[i] * x[i] end
      end
      if mom ~= 0 then
         if buf == nil then buf = H.copy(g) else
            for i = 1, #x do buf[i] = mom * buf[i] + (1 - damp) * g[i] end
         end
         for i = 1, #x do g[i] = cfg.nesterov and g[i] + mom * buf[i] or buf[i] end
      end
      local clr = lr / (1 + k * lrd)
      for i = 1, #x do x[i] = x[i] - clr * (lrs and lrs[i] or 1) * g[i] end
      xs[k + 1] = H.copy(x)
   end
   return xs, fs
end

local function run(cfg, steps)
   local x, opfunc = H.quadratic()
   local config, state = {}, {}
   for k, v in pairs(cfg) do config[k] = type(v) == 'table' and torch.Tensor(v) or v end
   local xs, want = reference(cfg, steps)
   for k = 1, steps do
      local xr, fs = optim.sgd(opfunc, x, config, state)
      tester:assert(xr == x, 'sgd returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   return state, x
end

function tests.firstStepWithDefaults()
   local x, opfunc = H.quadratic()
   local state = {}
   local _, fs = optim.sgd(opfunc, x, {}, state)
   tester:eq(#fs, 1)
   H.close(tester, fs[1], 13.5, 'f(x0)')
   H.near(tester, x, { 0.999, -1.994, 2.998 }, 'x - 1e-3 * g')
   tester:eq(H.keys(state), 'evalCounter')
   tester:eq(state.evalCounter, 1)
end

function tests.momentumWithDefaultDampening()
   local state = run({ learningRate = 0.1, momentum = 0.9 }, 2)
   tester:eq(H.keys(state), 'dfdx,evalCounter')
   -- buffer = g1 first, then 0.9 * g1 + 0.1 * g2
   H.near(tester, state.dfdx, { 0.99, -5.88, 1.99 }, 'momentum buffer')
   local _, x = run({ learningRate = 0.1, momentum = 0.9 }, 2)
   H.near(tester, x, { 0.801, -0.812, 2.601 }, 'x after two steps')
   run({ learningRate = 0.1, momentum = 0.9 }, 5)
end

function tests.momentumWithoutDampening()
   local _, x = run({ learningRate = 0.1, momentum = 0.9, dampening = 0 }, 2)
   H.near(tester, x, { 0.72, -0.38, 2.43 }, 'x after two steps')
   run({ learningRate = 0.05, momentum = 0.5, dampening = 0.2 }, 5)
end

function tests.nesterovMomentum()
   local cfg = { learningRate = 0.1, momentum = 0.9, dampening = 0, nesterov = true }
   local _, x = run(cfg, 1)
   H.near(tester, x, { 0.81, -0.86, 2.62 }, 'x - 0.1 * (g + 0.9 * g)')
   run(cfg, 5)
end

function tests.nesterovNeedsMomentumAndNoDampening()
   local x, opfunc = H.quadratic()
   tester:assertErrorPattern(function() optim.sgd(opfunc, x, { nesterov = true }) end,
      'Nesterov', 'no momentum')
   tester:assertErrorPattern(function()
      optim.sgd(opfunc, x, { nesterov = true, momentum = 0.9 })
   end, 'Nesterov', 'dampening defaults to momentum')
   tester:eq(H.list(x)[1], 1, 'nothing moved before the check')
   tester:assertNoError(function()
      optim.sgd(opfunc, x, { nesterov = true, momentum = 0.9, dampening = 0 })
   end)
end

function tests.weightDecayAndAnnealing()
   local cfg = { learningRate = 0.1, weightDecay = 0.01, learningRateDecay = 0.5 }
   local state = run(cfg, 4)
   tester:eq(state.evalCounter, 4)
   -- the gradient returned by opfunc gets the decay added in place
   local x, opfunc, log = H.quadratic()
   optim.sgd(opfunc, x, { weightDecay = 0.01 }, {})
   H.near(tester, log.grads[1], { 1 + 0.01, -6 - 0.02, 2 + 0.03 }, 'g + wd * x')
end

function tests.perParameterWeightDecaysAndLearningRates()
   local cfg = { learningRate = 0.1, weightDecays = { 0.1, 0, 0.3 },
      learningRates = { 1, 0.5, 2 }, momentum = 0.5 }
   local state = run(cfg, 4)
   tester:eq(H.keys(state), 'decayParameters,deltaParameters,dfdx,evalCounter')
   -- a scalar weight decay wins over the per-parameter one
   local x, opfunc, log = H.quadratic()
   optim.sgd(opfunc, x, { weightDecay = 0.01, weightDecays = torch.Tensor({ 1, 1, 1 }) }, {})
   H.near(tester, log.grads[1], { 1.01, -6.02, 2.03 }, 'only the scalar decay')
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = { learningRate = 0.1, momentum = 0.9 }
   optim.sgd(opfunc, x, config)
   optim.sgd(opfunc, x, config)
   tester:eq(config.evalCounter, 2)
   tester:assert(torch.isTensor(config.dfdx), 'the momentum buffer lives in config')
end

function tests.floatParametersGetFloatState()
   local x, opfunc = H.quadratic('Float')
   local state = {}
   local cfg = { learningRate = 0.1, momentum = 0.9, weightDecays = torch.ones(3),
      learningRates = torch.ones(3) }
   optim.sgd(opfunc, x, cfg, state)
   local want = reference({ learningRate = 0.1, momentum = 0.9, weightDecays = { 1, 1, 1 } }, 1)
   H.near(tester, x, want[1], 'first step', 1e-6)
   optim.sgd(opfunc, x, cfg, state)
   tester:eq(torch.type(x), 'torch.FloatTensor')
   tester:eq(torch.type(state.dfdx), 'torch.FloatTensor')
   tester:eq(torch.type(state.decayParameters), 'torch.FloatTensor')
   tester:eq(torch.type(state.deltaParameters), 'torch.FloatTensor')
end

function tests.savedStateResumesTheSameRun()
   local cfg = { learningRate = 0.1, momentum = 0.9, learningRateDecay = 0.1 }
   local x, opfunc = H.quadratic()
   local state = {}
   for _ = 1, 2 do optim.sgd(opfunc, x, cfg, state) end
   local restored = torch.deserialize(torch.serialize(state))
   local y = x:clone()
   for _ = 1, 3 do
      optim.sgd(opfunc, x, cfg, state)
      optim.sgd(opfunc, y, cfg, restored)
   end
   H.near(tester, y, H.list(x), 'resumed run', 0)
   tester:eq(restored.evalCounter, 5)
end

tester:add(tests)
return tester
