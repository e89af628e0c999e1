--[[ Limited-memory BFGS (after minFunc by M. Schmidt), with fixed steps of `learningRate`
or a user line search.

Without a line search every iteration moves by `learningRate` (the first one by
`min(1, 1/sum|g|) * learningRate`) and evaluates f again except after the last
iteration, which suits stochastic problems. A line search is called as
`f, g, x, t, nEval = lineSearch(opfunc, x, t, d, f, g, gtd, lineSearchOptions)`.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the starting point (a tensor), moved in place
- `config`: optional table; `maxIter` (20), `maxEval` (1.25 * maxIter), `tolFun` (1e-5,
  on sum|g|), `tolX` (1e-9, on steps and on changes of f), `nCorrection` (100, history
  length), `lineSearch` (function), `lineSearchOptions`, `learningRate` (1), `verbose`
- `state`: optional table kept between calls (defaults to `config`); fields `funcEval`,
  `nIter`, `d`, `t`, `old_dirs`, `old_stps`, `Hdiag`, `g_old`, `f_old`, and the buffers
  `tmp1`, `dir_bufs`, `stp_bufs`, `ro`, `al`

RETURN:
- `x`: the point found
- `fs`: f at the start, then after each step that evaluated it
- `nEval`: the number of function evaluations of this call
]]
function optim.lbfgs(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local maxIter = tonumber(config.maxIter) or 20
   local maxEval = tonumber(config.maxEval) or maxIter * 1.25
   local tolFun = config.tolFun or 1e-5
   local tolX = config.tolX or 1e-9
   local nCorrection = config.nCorrection or 100
   local lineSearch = config.lineSearch
   local lineSearchOpts = config.lineSearchOptions
   local learningRate = config.learningRate or 1
   local verbose = function() end
   if config.verbose then verbose = function(...) print('<optim.lbfgs> ', ...) end end
   state.funcEval = state.funcEval or 0
   state.nIter = state.nIter or 0

   local f, g = opfunc(x)
   local fs = { f }
   local nEval = 1
   state.funcEval = state.funcEval + 1
   local p = g:size(1)

   state.tmp1 = state.tmp1 or g.new(g:size()):zero()
   local tmp1 = state.tmp1
   if tmp1:copy(g):abs():sum() <= tolFun then
      verbose('optimality condition below tolFun')
      return x, fs
   end

   if not state.dir_bufs then
      verbose('creating recyclable direction/step/history buffers')
      state.dir_bufs = g.new(nCorrection + 1, p):split(1)
      state.stp_bufs = g.new(nCorrection + 1, p):split(1)
      for i = 1, #state.dir_bufs do
         state.dir_bufs[i] = state.dir_bufs[i]:squeeze(1)
         state.stp_bufs[i] = state.stp_bufs[i]:squeeze(1)
      end
   end

   local d, t = state.d, state.t
   local oldDirs, oldStps = state.old_dirs, state.old_stps
   local Hdiag, gOld, fOld = state.Hdiag, state.g_old, state.f_old

   local nIter = 0
   while nIter < maxIter do
      nIter = nIter + 1
      state.nIter = state.nIter + 1

      if state.nIter == 1 then
         d = g:clone():mul(-1)
         oldDirs, oldStps, Hdiag = {}, {}, 1
      else
         -- remember the newest curvature pair when it is usable
         local y = table.remove(state.dir_bufs)
         local s = table.remove(state.stp_bufs)
         y:add(g, -1, gOld)
         s:mul(d, t)
         local ys = y:dot(s)
         if ys > 1e-10 then
            if #oldDirs == nCorrection then
               table.insert(state.dir_bufs, table.remove(oldDirs, 1))
               table.insert(state.stp_bufs, table.remove(oldStps, 1))
            end
            -- as in Torch7, old_dirs holds the steps and old_stps the gradient changes
            table.insert(oldDirs, s)
            table.insert(oldStps, y)
            Hdiag = ys / y:dot(y)
         else
            table.insert(state.dir_bufs, y)
            table.insert(state.stp_bufs, s)
         end

         -- two-loop recursion: d = -H g
         local k = #oldDirs
         state.ro = state.ro or torch.Tensor(nCorrection)
         state.al = state.al or torch.zeros(nCorrection)
         local ro, al = state.ro, state.al
         for i = 1, k do
            ro[i] = 1 / oldStps[i]:dot(oldDirs[i])
         end
         local q = tmp1
         q:mul(g, -1)
         for i = k, 1, -1 do
            al[i] = oldDirs[i]:dot(q) * ro[i]
            q:add(-al[i], oldStps[i])
         end
         d:mul(q, Hdiag)
         for i = 1, k do
            local beta = oldStps[i]:dot(d) * ro[i]
            d:add(al[i] - beta, oldDirs[i])
         end
      end
      gOld = gOld or g:clone()
      gOld:copy(g)
      fOld = f

      local gtd = g:dot(d)
      if gtd > -tolX then
         break
      end

      if state.nIter == 1 then
         t = math.min(1, 1 / tmp1:copy(g):abs():sum()) * learningRate
      else
         t = learningRate
      end

      local lsEval = 0
      if lineSearch and type(lineSearch) == 'function' then
         f, g, x, t, lsEval = lineSearch(opfunc, x, t, d, f, g, gtd, lineSearchOpts)
         table.insert(fs, f)
      else
         x:add(t, d)
         if nIter ~= maxIter then
            f, g = opfunc(x)
            lsEval = 1
            table.insert(fs, f)
         end
      end
      nEval = nEval + lsEval
      state.funcEval = state.funcEval + lsEval

      if nIter == maxIter then
         verbose('reached max number of iterations')
         break
      elseif nEval >= maxEval then
         verbose('max nb of function evals')
         break
      elseif tmp1:copy(g):abs():sum() <= tolFun then
         verbose('optimality condition below tolFun')
         break
      elseif tmp1:copy(d):mul(t):abs():sum() <= tolX then
         verbose('step size below tolX')
         break
      elseif math.abs(f - fOld) < tolX then
         verbose('function value changing less than tolX')
         break
      end
   end

   state.old_dirs, state.old_stps, state.Hdiag = oldDirs, oldStps, Hdiag
   state.g_old, state.f_old, state.t, state.d = gOld, fOld, t, d
   return x, fs, nEval
end
