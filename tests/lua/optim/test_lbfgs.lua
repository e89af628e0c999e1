-- optim.lbfgs: the first two directions by hand, stopping rules, history and line search.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function dot(a, b)
   local s = 0
   for i = 1, #a do s = s + a[i] * b[i] end
   return s
end

function tests.firstTwoStepsByHand()
   local x, opfunc, log = H.quadratic()
   local state = {}
   local _, fs, nEval = optim.lbfgs(opfunc, x, { maxIter = 2 }, state)
   -- first step: d = -g, t = min(1, 1 / sum|g|) = 1/9
   local g0 = { 1, -6, 2 }
   local x1 = {}
   for i = 1, 3 do x1[i] = H.X0[i] - g0[i] / 9 end
   H.near(tester, log.points[2], x1, 'x0 - g / 9')
   -- second step: one curvature pair, t = 1
   local _, g1 = H.scalarEval(x1)
   local s, y, q = {}, {}, {}
   for i = 1, 3 do s[i] = -g0[i] / 9; y[i] = g1[i] - g0[i]; q[i] = -g1[i] end
   local ro = 1 / dot(y, s)
   local al = dot(s, q) * ro
   local hdiag = dot(y, s) / dot(y, y)
   local r = {}
   for i = 1, 3 do r[i] = hdiag * (q[i] - al * y[i]) end
   local be = dot(y, r) * ro
   local x2 = {}
   for i = 1, 3 do x2[i] = x1[i] + r[i] + (al - be) * s[i] end
   H.near(tester, x, x2, 'x after the second step')
   tester:eq(#fs, 2, 'no evaluation after the last iteration')
   tester:eq(nEval, 2)
   tester:eq(state.nIter, 2)
   tester:eq(state.funcEval, 2)
   H.close(tester, state.Hdiag, hdiag, 'Hdiag')
   tester:eq(state.t, 1)
   tester:eq(#state.old_dirs, 1)
   H.near(tester, state.old_dirs[1], s, 'old_dirs holds the steps')
   H.near(tester, state.old_stps[1], y, 'old_stps holds the gradient changes')
end

function tests.stateFieldsAfterACall()
   local x, opfunc = H.quadratic()
   local state = {}
   optim.lbfgs(opfunc, x, { maxIter = 3 }, state)
   tester:eq(H.keys(state), 'Hdiag,al,d,dir_bufs,f_old,funcEval,g_old,nIter,old_dirs,'
      .. 'old_stps,ro,stp_bufs,t,tmp1')
   tester:eq(#state.dir_bufs + #state.old_dirs, 101, 'nCorrection + 1 buffers in all')
end

function tests.solvesAQuadraticAndStops()
   local x, opfunc = H.quadratic()
   local _, fs = optim.lbfgs(opfunc, x, { maxIter = 100 })
   -- it stops once sum|g| <= tolFun = 1e-5
   H.near(tester, x, H.B, 'minimum', 1e-4)
   tester:assert(#fs < 100, 'stopped early after ' .. #fs .. ' values')
end

function tests.optimalStartReturnsAtOnce()
   local x = torch.Tensor(H.B)
   local calls = 0
   local function opfunc(p)
      calls = calls + 1
      return 0, p.new(3):zero()
   end
   local _, fs, nEval = optim.lbfgs(opfunc, x, {})
   tester:eq(#fs, 1)
   tester:eq(nEval, nil, 'only x and f come back')
   tester:eq(calls, 1)
end

function tests.historyIsLimitedToNCorrection()
   local x = torch.Tensor({ -1.2, 1 })
   local state = {}
   optim.lbfgs(H.rosenbrock, x, { maxIter = 12, nCorrection = 2, learningRate = 0.1 }, state)
   tester:assert(#state.old_dirs <= 2, 'history length ' .. #state.old_dirs)
   tester:eq(#state.dir_bufs + #state.old_dirs, 3)
end

function tests.maxEvalAndResumingAcrossCalls()
   local x, opfunc, log = H.quadratic()
   local state = {}
   local config = { maxIter = 10, maxEval = 3 }
   local _, _, nEval = optim.lbfgs(opfunc, x, config, state)
   tester:eq(nEval, 3)
   optim.lbfgs(opfunc, x, config, state)
   tester:eq(state.funcEval, log.calls)
   tester:assert(state.nIter > 2, 'the iteration count carries over')
end

function tests.userLineSearchIsCalled()
   local x, opfunc = H.quadratic()
   local seen
   local function lineSearch(f, p, t, d, fx, _, gtd, opts)
      seen = { t = t, gtd = gtd, opts = opts, fx = fx }
      p:add(t, d)
      local f1, g1 = f(p)
      return f1, g1, p, t, 1
   end
   local opts = { c1 = 1e-4 }
   local _, fs = optim.lbfgs(opfunc, x, { maxIter = 1, lineSearch = lineSearch,
      lineSearchOptions = opts })
   tester:assert(seen ~= nil, 'the line search ran')
   H.close(tester, seen.t, 1 / 9, 'initial step')
   H.close(tester, seen.gtd, -41, 'directional derivative g . d')
   tester:assert(seen.opts == opts, 'options are passed through')
   tester:eq(#fs, 2, 'the line search value is recorded')
end

tester:add(tests)
return tester
