-- nn._small criteria: the LuaJIT loops of MSECriterion and ClassNLLCriterion give the array
-- kernels' losses and gradients, and raise their errors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local SH = dofile(dir .. 'small_helpers.lua')
local S = nn._small
local tester = torch.Tester()
local tests = {}

local TYPES = { 'torch.DoubleTensor', 'torch.FloatTensor' }

local function assertSame(name, loop, kernel) SH.assertSame(tester, name, loop, kernel) end

function tests.mseMatchesKernel()
   torch.manualSeed(5)
   for _, T in ipairs(TYPES) do
      for _, shape in ipairs({ { 1 }, { 7 }, { 3, 4 } }) do
         local x, t = torch.randn(unpack(shape)):type(T), torch.randn(unpack(shape)):type(T)
         for _, avg in ipairs({ true, false }) do
            local name = 'MSECriterion ' .. T .. ' ' .. #shape .. '-D ' .. tostring(avg)
            assertSame(name, SH.bothWays(function(a)
               S.MSECriterion_updateOutput(a[1], a[2], a[3], avg)
               S.MSECriterion_updateGradInput(a[1], a[2], a[4], avg)
            end, { x, t, x.new(1), x:clone() }))
         end
      end
   end
end

-- The loss as THNN sums it: each square rounded to the type, then summed in double.
function tests.mseLossByDefinition()
   local x = torch.FloatTensor({ 0.1, 0.2, 0.3 })
   local t = torch.FloatTensor({ 0.3, -0.1, 1 / 3 })
   local c = nn.MSECriterion():float()
   local want = 0
   for i = 1, 3 do
      local z = torch.FloatTensor({ x[i] - t[i] })  -- rounded to single precision
      want = want + torch.FloatTensor({ z[1] * z[1] })[1]
   end
   tester:eq(c:forward(x, t), torch.FloatTensor({ want / 3 })[1], 'mean of rounded squares')
   local g = c:backward(x, t)
   tester:eq(g[2], torch.FloatTensor({ torch.FloatTensor({ x[2] - t[2] })[1]
      * torch.FloatTensor({ 2 / 3 })[1] })[1], 'norm in single precision')
end

function tests.classNLLMatchesKernel()
   torch.manualSeed(6)
   for _, T in ipairs(TYPES) do
      local w = torch.rand(5):add(0.5):type(T)
      local cases = {
         { torch.randn(5), torch.LongTensor({ 3 }) },
         { torch.randn(4, 5), torch.LongTensor({ 1, 5, 2, 5 }) },
         { torch.randn(4, 5), torch.LongTensor({ 2, 4, 4, 1 }) },  -- one ignored below
      }
      for k, case in ipairs(cases) do
         local x, t = case[1]:type(T), case[2]
         for _, weights in ipairs({ false, true }) do
            for _, avg in ipairs({ true, false }) do
               local ws, ignore = weights and w or nil, k == 3 and 4 or -100
               local name = string.format('ClassNLL %s case %d weights %s avg %s', T, k,
                  tostring(weights), tostring(avg))
               assertSame(name, SH.bothWays(function(a)
                  S.ClassNLLCriterion_updateOutput(a[1], a[2], a[3], avg, ws, a[4], ignore)
                  S.ClassNLLCriterion_updateGradInput(a[1], a[2], a[5], avg, ws, a[4], ignore)
               end, { x, t, x.new(1), x.new(1), x:clone() }))
            end
         end
      end
   end
end

function tests.classNLLAllIgnored()
   local c = nn.ClassNLLCriterion(nil, true, 2)
   local x = torch.randn(2, 3)
   tester:eq(c:forward(x, torch.LongTensor({ 2, 2 })), 0, 'nothing counted')
   tester:eq(c:backward(x, torch.LongTensor({ 2, 2 })):abs():sum(), 0, 'no gradient')
end

function tests.classNLLRangeErrorBothWays()
   for _, small in ipairs({ true, false }) do
      local macs, pw = S.LINEAR_MACS, S.POINTWISE
      if not small then S.LINEAR_MACS, S.POINTWISE = 0, 0 end
      local c = nn.ClassNLLCriterion()
      local ok, err = pcall(c.forward, c, torch.randn(2, 3), torch.LongTensor({ 1, 4 }))
      S.LINEAR_MACS, S.POINTWISE = macs, pw
      tester:assert(not ok, 'refused')
      tester:assert(tostring(err):find('target out of range %[1, 3%]'), tostring(err))
   end
end

function tests.dispatch()
   local c = nn.MSECriterion()
   tester:asserteq(SH.kernelCalls('MSECriterion_updateOutput', function()
      c:forward(torch.randn(3), torch.randn(3))
   end), 0, 'small MSE stays in Lua')
   tester:asserteq(SH.kernelCalls('MSECriterion_updateOutput', function()
      c:forward(torch.randn(3), torch.randn(3):float())
   end), 1, 'mixed types go to the kernel')
   tester:asserteq(SH.kernelCalls('MSECriterion_updateOutput', function()
      c:forward(torch.randn(4, 2):t(), torch.randn(2, 4))
   end), 1, 'strided input goes to the kernel')
   local nll = nn.ClassNLLCriterion()
   tester:asserteq(SH.kernelCalls('ClassNLLCriterion_updateOutput', function()
      nll:forward(torch.randn(2, 3), torch.LongTensor({ 1, 3 }))
   end), 0, 'small NLL stays in Lua')
   tester:asserteq(SH.kernelCalls('ClassNLLCriterion_updateOutput', function()
      nll:forward(torch.randn(2, 3), torch.LongTensor({ 1, 3, 2 }))
   end), 1, 'a target count that does not match goes to the kernel (and its error)')
   tester:asserteq(SH.kernelCalls('ClassNLLCriterion_updateOutput', function()
      nll:forward(torch.randn(2, 3, 2), torch.LongTensor({ 1, 3 }))
   end), 0, '3-D input is refused before any kernel')
end

tester:add(tests)
return tester
