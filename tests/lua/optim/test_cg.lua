-- optim.cg: the first line-search point by hand, convergence, evaluation limits and buffers.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.firstTrialPointIsASteepestDescentStep()
   local x, opfunc, log = H.quadratic()
   local _, fs, nEval = optim.cg(opfunc, x, { maxIter = 1 })
   H.close(tester, fs[1], 13.5, 'f(x0)')
   -- s = -g, first step length 1 / (1 + g.g) = 1 / 42
   H.near(tester, log.points[2], { 1 - 1 / 42, -2 + 6 / 42, 3 - 2 / 42 }, 'x0 - g / 42')
   tester:eq(nEval, log.calls, 'the third result counts evaluations')
end

function tests.solvesAQuadratic()
   local x, opfunc, log = H.quadratic()
   -- maxIter a multiple of 4 keeps the default maxEval whole (see the note in cg.lua)
   local _, fs, nEval = optim.cg(opfunc, x, { maxIter = 40 })
   H.near(tester, x, H.B, 'minimum', 1e-6)
   tester:assert(fs[#fs] < 1e-12, 'final value ' .. fs[#fs])
   for i = 2, #fs do tester:assert(fs[i] < fs[i - 1], 'each accepted value decreases') end
   tester:eq(nEval, log.calls)
   tester:assert(nEval <= 50, 'maxEval defaults to 1.25 * maxIter')
end

function tests.minimizesRosenbrock()
   local x = torch.Tensor({ -1.2, 1 })
   local _, fs = optim.cg(H.rosenbrock, x, { maxIter = 200 })
   H.close(tester, fs[1], 24.2, 'f at the start')
   H.near(tester, x, { 1, 1 }, 'minimum', 1e-4)
end

function tests.respectsMaxEval()
   local x, opfunc, log = H.quadratic()
   local _, _, nEval = optim.cg(opfunc, x, { maxEval = 4 })
   tester:assert(nEval <= 5 and log.calls == nEval, 'evaluations ' .. nEval)
end

function tests.buffersAreKeptAndReused()
   local x, opfunc = H.quadratic()
   local s = torch.Tensor()
   local state = { s = s }
   optim.cg(opfunc, x, { maxIter = 3 }, state)
   tester:eq(H.keys(state), 'df0,df1,df2,df3,s,x0')
   tester:assert(state.s == s, 'a given buffer is used')
   tester:eq(state.x0:nElement(), 3)
end

tester:add(tests)
return tester
