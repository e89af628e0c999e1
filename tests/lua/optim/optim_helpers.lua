-- Helpers shared by the optim specs: a small separable quadratic with a known gradient,
-- scalar versions of it for hand-computed reference updates, and tensor comparisons.
require 'optim'
local H = {}

-- f(x) = 1/2 sum_i a_i (x_i - b_i)^2, so df/dx_i = a_i (x_i - b_i); minimum at b.
H.A = { 1, 2, 0.5 }
H.B = { 0, 1, -1 }
H.X0 = { 1, -2, 3 }

--[[ Scalar f and gradient of the quadratic at a Lua list `x`. RETURN: f, list ]]
function H.scalarEval(x)
   local f, g = 0, {}
   for i = 1, #x do
      local r = x[i] - H.B[i]
      f = f + 0.5 * H.A[i] * r * r
      g[i] = H.A[i] * r
   end
   return f, g
end

--[[ The quadratic as an opfunc over tensors of `tensorType` (default Double). Each call
returns a fresh gradient tensor, and is recorded in the returned log (`calls`, `points`,
`grads`). RETURN: x (at X0), opfunc, log ]]
function H.quadratic(tensorType)
   local ctor = torch[(tensorType or 'Double') .. 'Tensor']
   local x = ctor(H.X0)
   local a, b = ctor(H.A), ctor(H.B)
   local log = { calls = 0, points = {}, grads = {} }
   local function opfunc(p)
      local r = p:clone():add(-1, b)
      local g = r:clone():cmul(a)
      log.calls = log.calls + 1
      log.points[log.calls] = p:clone()
      log.grads[log.calls] = g
      return 0.5 * r:dot(g), g
   end
   return x, opfunc, log
end

--[[ A Lua list of a 1-D tensor's values. ]]
function H.list(t)
   local r = {}
   for i = 1, t:nElement() do r[i] = t[i] end
   return r
end

--[[ A shallow copy of a Lua list. ]]
function H.copy(list)
   local r = {}
   for i, v in ipairs(list) do r[i] = v end
   return r
end

--[[ Check that 1-D tensor `t` equals the list `expected` within `tol` (default 1e-12)
relative to max(1, |expected|). ]]
function H.near(tester, t, expected, msg, tol)
   tol = tol or 1e-12
   local flat = t:contiguous():view(-1)
   tester:assert(flat:nElement() == #expected,
      (msg or '') .. ': expected ' .. #expected .. ' elements, got ' .. flat:nElement())
   for i = 1, #expected do
      local got, want = flat[i], expected[i]
      local err = math.abs(got - want) / math.max(1, math.abs(want))
      tester:assert(err <= tol, string.format('%s: element %d is %.17g, expected %.17g',
         msg or '', i, got, want))
   end
end

--[[ Check that a number equals `expected` within `tol` (default 1e-12) relative. ]]
function H.close(tester, got, expected, msg, tol)
   tol = tol or 1e-12
   local err = math.abs(got - expected) / math.max(1, math.abs(expected))
   tester:assert(err <= tol, string.format('%s: %.17g, expected %.17g', msg or '', got,
      expected))
end

--[[ The sorted keys of a table, joined by commas (for checking state field names). ]]
function H.keys(t)
   local keys = {}
   for k in pairs(t) do keys[#keys + 1] = tostring(k) end
   table.sort(keys)
   return table.concat(keys, ',')
end

--[[ The 2-D Rosenbrock function as an opfunc (minimum 0 at (1, 1)). ]]
function H.rosenbrock(x)
   local a, b = x[1], x[2]
   local f = (1 - a) ^ 2 + 100 * (b - a * a) ^ 2
   local g = x.new(2)
   g[1] = -2 * (1 - a) - 400 * a * (b - a * a)
   g[2] = 200 * (b - a * a)
   return f, g
end

return H
