--[[ Nonlinear conjugate gradient (Polak-Ribiere directions) with a line search using
quadratic/cubic interpolation and extrapolation and the Wolfe-Powell conditions; follows
C. E. Rasmussen's minimize.m. Only the number of function evaluations is limited.

ARGS:
- `opfunc`: function(x) returning f(x) and df/dx
- `x`: the starting point (a tensor), moved in place to the point found
- `config`: optional table; `rho` (0.01) and `sig` (0.5) are the Wolfe-Powell constants,
  `int` (0.1) keeps new points away from the bracket ends, `ext` (3.0) caps extrapolation,
  `ratio` (100) caps the growth of the initial step, `maxIter` (20),
  `maxEval` (1.25 * maxIter). As in Torch7 the line search stops on its evaluation budget
  only when that budget reaches exactly zero: with a fractional maxEval (say maxIter 50)
  and a gradient that has become exactly zero it never stops, so keep maxEval whole.
- `state`: optional table (defaults to `config`); the buffers `df0`, `df1`, `df2`, `df3`,
  `s` (search direction) and `x0` are reused when present and stored there at the end

RETURN:
- `x`: the point found
- `fs`: f at the start, then after each successful line search
- `nEval`: the number of function evaluations
]]
function optim.cg(opfunc, x, config, state)
   config = config or {}
   state = state or config
   local rho = config.rho or 0.01
   local sig = config.sig or 0.5
   local int = config.int or 0.1
   local ext = config.ext or 3.0
   local maxIter = config.maxIter or 20
   local ratio = config.ratio or 100
   local maxEval = config.maxEval or maxIter * 1.25
   local sqrt, huge, min, max = math.sqrt, math.huge, math.min, math.max

   local function buffer(name) return (state[name] or x.new()):resizeAs(x) end
   local df0, df1, df2, df3 = buffer('df0'), buffer('df1'), buffer('df2'), buffer('df3')
   local s, x0 = buffer('s'), buffer('x0')

   local nEval, fs = 0, {}
   local function eval()
      local f, g = opfunc(x)
      nEval = nEval + 1
      return f, g
   end
   local function bad(z) return z ~= z or z == huge or z == -huge end

   local f1, g = eval()
   df1:copy(g)
   fs[#fs + 1] = f1
   s:copy(df1):mul(-1)
   local d1 = -s:dot(s) -- slope along s
   local z1 = 1 / (1 - d1) -- first step length
   local f2, d2, f3, d3, z2, z3

   while nEval < math.abs(maxEval) do
      x0:copy(x); df0:copy(df1)
      x:add(z1, s)
      f2, g = eval(); df2:copy(g)
      d2 = df2:dot(s)
      f3, d3, z3 = f1, d1, -z1 -- point 3 starts at point 1
      local m = min(maxIter, maxEval - nEval)
      local success, limit = false, -1
      while true do
         -- shrink the step while the Wolfe-Powell conditions fail
         while (f2 > f1 + z1 * rho * d1 or d2 > -sig * d1) and m > 0 do
            limit = z1
            if f2 > f1 then -- quadratic fit
               z2 = z3 - (0.5 * d3 * z3 * z3) / (d3 * z3 + f2 - f3)
            else -- cubic fit
               local A = 6 * (f2 - f3) / z3 + 3 * (d2 + d3)
               local B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2)
               z2 = (sqrt(B * B - A * d2 * z3 * z3) - B) / A
            end
            if bad(z2) then z2 = z3 / 2 end
            z2 = max(min(z2, int * z3), (1 - int) * z3)
            z1 = z1 + z2
            x:add(z2, s)
            f2, g = eval(); df2:copy(g)
            m = m - 1
            d2 = df2:dot(s)
            z3 = z3 - z2
         end
         if f2 > f1 + z1 * rho * d1 or d2 > -sig * d1 then break end
         if d2 > sig * d1 then success = true; break end
         if m == 0 then break end
         -- extrapolate with a cubic, bounded by the bracket and by ext
         local A = 6 * (f2 - f3) / z3 + 3 * (d2 + d3)
         local B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2)
         z2 = -d2 * z3 * z3 / (B + sqrt(B * B - A * d2 * z3 * z3))
         if bad(z2) or z2 < 0 then
            z2 = limit < -0.5 and z1 * (ext - 1) or (limit - z1) / 2
         elseif limit > -0.5 and z2 + z1 > limit then
            z2 = (limit - z1) / 2
         elseif limit < -0.5 and z2 + z1 > z1 * ext then
            z2 = z1 * (ext - 1)
         elseif z2 < -z3 * int then
            z2 = -z3 * int
         elseif limit > -0.5 and z2 < (limit - z1) * (1 - int) then
            z2 = (limit - z1) * (1 - int)
         end
         f3, d3, z3 = f2, d2, -z2
         z1 = z1 + z2
         x:add(z2, s)
         f2, g = eval(); df2:copy(g)
         m = m - 1
         d2 = df2:dot(s)
      end
      if not success then
         -- back to the last good point; Torch7 ends the run after any failed line search
         x:copy(x0); df1:copy(df0)
         break
      end
      f1 = f2
      fs[#fs + 1] = f1
      -- Polak-Ribiere direction, restarted with steepest descent if it points uphill
      local beta = (df2:dot(df2) - df2:dot(df1)) / df1:dot(df1)
      s:mul(beta):add(-1, df2)
      local old = df1:clone()
      df1:copy(df2); df2:copy(old)
      d2 = df1:dot(s)
      if d2 > 0 then
         s:copy(df1):mul(-1)
         d2 = -s:dot(s)
      end
      z1 = z1 * min(ratio, d1 / (d2 - 1e-320))
      d1 = d2
   end
   state.df0, state.df1, state.df2, state.df3 = df0, df1, df2, df3
   state.x0, state.s = x0, s
   return x, fs, nEval
end
