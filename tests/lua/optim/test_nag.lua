-- optim.nag on a quadratic: the look-ahead gradient, hand-computed steps, state and errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

-- NAG written per element with plain numbers. RETURN: x per step, fs, look-ahead points
local function reference(cfg, steps)
   local lr, lrd, wd = cfg.learningRate or 1e-3, cfg.learningRateDecay or 0, cfg.weightDecay or 0
   local mom, lrs = cfg.momentum or 0.9, cfg.learningRates
   local x, buf, xs, fs, points = H.copy(H.X0), nil, {}, {}, {}
   for k = 0, steps - 1 do
      if buf then for i = 1, #x do x[i] = x[i] + mom * buf[i] end end
      points[k + 1] = H.copy(x)
      local f, g = H.scalarEval(x)
      fs[k + 1] = f
      local clr = lr / (1 + k * lrd)
      buf = buf or { 0, 0, 0 }
      for i = 1, #x do
         local step = ((lrs and lrs[i] or 1) * (g[i] + wd * x[i]))
         buf[i] = mom * buf[i] - clr * step
         x[i] = x[i] - clr * step
      end
      xs[k + 1] = H.copy(x)
   end
   return xs, fs, points
end

local function run(cfg, steps)
   local x, opfunc, log = H.quadratic()
   local state = {}
   local xs, want, points = reference(cfg, steps)
   local config = {}
   for k, v in pairs(cfg) do config[k] = type(v) == 'table' and torch.Tensor(v) or v end
   for k = 1, steps do
      local xr, fs = optim.nag(opfunc, x, config, state)
      tester:assert(xr == x, 'nag returns the tensor it updated')
      H.close(tester, fs[1], want[k], 'loss of step ' .. k)
      H.near(tester, log.points[k], points[k], 'look-ahead point of step ' .. k)
      H.near(tester, x, xs[k], 'x after step ' .. k)
   end
   tester:eq(state.evalCounter, steps)
   return state
end

function tests.firstTwoStepsByHand()
   local x, opfunc, log = H.quadratic()
   local state = {}
   optim.nag(opfunc, x, {}, state)
   H.near(tester, x, { 0.999, -1.994, 2.998 }, 'x - 1e-3 * g')
   H.near(tester, state.dfdx, { -1e-3, 6e-3, -2e-3 }, 'momentum vector = -lr * g')
   tester:eq(H.keys(state), 'dfdx,evalCounter')
   optim.nag(opfunc, x, {}, state)
   -- the gradient is taken at x + 0.9 * dfdx
   H.near(tester, log.points[2], { 0.999 - 0.9e-3, -1.994 + 5.4e-3, 2.998 - 1.8e-3 },
      'look-ahead point')
end

function tests.defaultsOverSeveralSteps()
   run({}, 5)
end

function tests.decaysMomentumAndPerParameterRates()
   local state = run({ learningRate = 0.05, learningRateDecay = 0.3, weightDecay = 0.1,
      momentum = 0.5, learningRates = { 1, 0.5, 2 } }, 5)
   tester:eq(H.keys(state), 'deltaParameters,dfdx,evalCounter')
end

function tests.momentumMustBePositive()
   local x, opfunc = H.quadratic()
   tester:assertErrorPattern(function() optim.nag(opfunc, x, { momentum = 0 }) end,
      'momentum must be positive')
   tester:assertErrorPattern(function() optim.nag(opfunc, x, { momentum = -0.5 }) end,
      'momentum must be positive')
   H.near(tester, x, H.X0, 'nothing moved')
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = {}
   optim.nag(opfunc, x, config)
   tester:eq(config.evalCounter, 1)
   tester:assert(torch.isTensor(config.dfdx), 'the momentum vector lives in config')
end

tester:add(tests)
return tester
