-- nn._small table modules: the LuaJIT loops of CAddTable, CMulTable and CSubTable give the array
-- kernels' results bit for bit, and calls they cannot take go to the kernels.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local SH = dofile(dir .. 'small_helpers.lua')
local tester = torch.Tester()
local tests = {}

local TYPES = { 'torch.DoubleTensor', 'torch.FloatTensor' }

-- Forward and backward of a fresh module on both paths; every result must be equal.
local function sameBothWays(make, input, gradOutput, what)
   local loop, kernel = SH.bothWays(function(a)
      local m = make()
      local x = { unpack(a, 1, #input) }
      a.out = m:forward(x):clone()
      local gi = m:backward(x, a[#input + 1])
      for k = 1, #gi do a['g' .. k] = gi[k]:clone() end
   end, (function()
      local args = {}
      for k = 1, #input do args[k] = input[k] end
      args[#input + 1] = gradOutput
      return args
   end)())
   for key, t in pairs(loop) do
      if torch.isTensor(t) then
         tester:assertTensorEq(t, kernel[key], 0, what .. ' ' .. tostring(key))
      end
   end
end

function tests.matchKernelsBitForBit()
   torch.manualSeed(9)
   for _, T in ipairs(TYPES) do
      for _, count in ipairs({ 2, 3 }) do
         local input = {}
         for k = 1, count do input[k] = torch.randn(4, 5):type(T) end
         local g = torch.randn(4, 5):type(T)
         local what = T .. ' ' .. count .. ' inputs'
         sameBothWays(function() return nn.CAddTable():type(T) end, input, g, 'CAdd ' .. what)
         sameBothWays(function() return nn.CMulTable():type(T) end, input, g, 'CMul ' .. what)
         if count == 2 then
            sameBothWays(function() return nn.CSubTable():type(T) end, input, g, 'CSub ' .. what)
         end
      end
   end
end

function tests.inPlaceSum()
   local a, b = torch.Tensor({ 1, 2 }), torch.Tensor({ 10, 20 })
   local m = nn.CAddTable(true)
   local y = m:forward({ a, b })
   tester:assert(y:data() == a:data(), 'written into input[1]')
   tester:assertTensorEq(a, torch.Tensor({ 11, 22 }), 0)
   local gi = m:backward({ a, b }, torch.Tensor({ 1, 1 }))
   tester:assertTensorEq(gi[2], torch.Tensor({ 1, 1 }), 0)
end

function tests.dispatch()
   local x = { torch.randn(3), torch.randn(3) }
   tester:asserteq(SH.kernelCalls('CAddTable_updateOutput', function()
      nn.CAddTable():forward(x)
   end), 0, 'small sum stays in Lua')
   tester:asserteq(SH.kernelCalls('CMulTable_updateGradInput', function()
      local m = nn.CMulTable()
      m:forward(x)
      m:backward(x, torch.randn(3))
   end), 0, 'small product gradient stays in Lua')
   tester:asserteq(SH.kernelCalls('CAddTable_updateOutput', function()
      nn.CAddTable():forward({ torch.randn(3, 2):t(), torch.randn(2, 3) })
   end), 1, 'strided input goes to the kernel')
   tester:asserteq(SH.kernelCalls('CMulTable_updateOutput', function()
      nn.CMulTable():forward({ torch.randn(3), torch.randn(3):float() })
   end), 1, 'mixed types go to the kernel')
   local n, ok = SH.kernelCalls('CAddTable_updateOutput', function()
      nn.CAddTable():forward({ torch.randn(3), torch.randn(4) })
   end)
   tester:assert(n == 1 and not ok, 'mismatched sizes reach the kernel, which refuses them')
end

tester:add(tests)
return tester
