-- optim.rprop on a quadratic: sign-based steps, step-size growth, shrinking and clamping.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function sign(v) return v > 0 and 1 or (v < 0 and -1 or 0) end

-- RPROP written per element with plain numbers. RETURN: x per iteration, fs, step sizes
local function reference(cfg, iterations)
   local up, down = cfg.etaplus or 1.2, cfg.etaminus or 0.5
   local hi, lo = cfg.stepsizemax or 50, cfg.stepsizemin or 1e-6
   local x, xs, fs = H.copy(H.X0), {}, {}
   local delta, steps = { 0, 0, 0 }, {}
   for i = 1, #x do steps[i] = cfg.stepsize or 0.1 end
   for k = 1, iterations do
      local f, g = H.scalarEval(x)
      fs[k] = f
      for i = 1, #x do
         local s = sign(g[i] * delta[i])
         steps[i] = steps[i] * (s > 0 and up or (s < 0 and down or 1))
         if steps[i] > hi then steps[i] = hi end
         if steps[i] < lo then steps[i] = lo end
         if s < 0 then g[i] = 0 end
         x[i] = x[i] - sign(g[i]) * steps[i]
         delta[i] = g[i]
      end
      xs[k] = H.copy(x)
   end
   return xs, fs, steps
end

local function run(cfg, calls)
   local x, opfunc = H.quadratic()
   local state = {}
   local niter = cfg.niter or 1
   local xs, want, steps = reference(cfg, calls * niter)
   for k = 1, calls do
      local xr, fs = optim.rprop(opfunc, x, cfg, state)
      tester:assert(xr == x, 'rprop returns the tensor it updated')
      tester:eq(#fs, niter, 'one f per iteration')
      for j = 1, niter do
         H.close(tester, fs[j], want[(k - 1) * niter + j], 'loss of iteration ' .. j)
      end
      H.near(tester, x, xs[k * niter], 'x after call ' .. k)
   end
   H.near(tester, state.stepsize, steps, 'step sizes')
   return state
end

function tests.firstTwoStepsByHand()
   local x, opfunc = H.quadratic()
   local state = {}
   optim.rprop(opfunc, x, {}, state)
   H.near(tester, x, { 0.9, -1.9, 2.9 }, 'x - 0.1 * sign(g)')
   tester:eq(H.keys(state), 'delta,dminmax,nsign,psign,sign,stepsize,zsign')
   tester:eq(torch.type(state.psign), 'torch.ByteTensor')
   optim.rprop(opfunc, x, {}, state)
   -- the gradient kept its sign: step sizes grow to 0.12
   H.near(tester, x, { 0.78, -1.78, 2.78 }, 'x - 0.12 * sign(g)')
   H.near(tester, state.stepsize, { 0.12, 0.12, 0.12 }, 'step sizes')
end

function tests.signFlipsShrinkTheStepAndSkipTheMove()
   run({ stepsize = 3 }, 6)
   run({ stepsize = 1.5, etaplus = 2, etaminus = 0.25 }, 8)
end

function tests.stepSizesAreClamped()
   run({ stepsize = 0.1, stepsizemax = 0.11 }, 4)
   run({ stepsize = 1e-3, etaminus = 1e-3, stepsizemin = 1e-4 }, 6)
end

function tests.severalIterationsPerCall()
   run({ niter = 3 }, 2)
end

function tests.stateDefaultsToConfig()
   local x, opfunc = H.quadratic()
   local config = { stepsize = 0.2 }
   optim.rprop(opfunc, x, config)
   optim.rprop(opfunc, x, config)
   tester:assert(torch.isTensor(config.stepsize), 'the step sizes replace the number')
   H.near(tester, config.stepsize, { 0.24, 0.24, 0.24 }, 'grown step sizes')
end

tester:add(tests)
return tester
