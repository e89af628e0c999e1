-- optim.checkgrad: a right gradient gives a tiny difference, a wrong one a large one.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

function tests.rightGradientPasses()
   local x, opfunc = H.quadratic()
   local diff, dC, dCest = optim.checkgrad(opfunc, x)
   tester:assert(diff < 1e-6, 'difference ' .. diff)
   H.near(tester, dC, { 1, -6, 2 }, 'analytic gradient')
   H.near(tester, dCest, { 1, -6, 2 }, 'estimate', 1e-6)
   H.near(tester, x, H.X0, 'x is restored')
end

function tests.wrongGradientIsFlagged()
   local x = torch.Tensor({ 1, 2 })
   local function opfunc(p) return p:dot(p), p:clone():mul(3) end
   local diff = optim.checkgrad(opfunc, x, 1e-5)
   H.close(tester, diff, 1 / 5, '|3x - 2x| / |3x + 2x|', 1e-6)
end

tester:add(tests)
return tester
