-- Bitwise operations and shifts.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'pointwise_helpers.lua')
local tester = torch.Tester()
local tests = {}
local rep, both, raises = H.rep, H.both, H.raises

local INTS = { 'Byte', 'Char', 'Short', 'Int', 'Long' }

function tests.bitwiseWithNumbersAndTensors()
   for _, tn in ipairs(INTS) do
      both(tester, function(n) return rep(tn, { 6, 5 }, n):bitand(3) end, { 2, 1 })
      both(tester, function(n) return torch.bitor(rep(tn, { 6, 5 }, n), 3) end, { 7, 7 })
      both(tester, function(n) return torch.bitxor(rep(tn, { 6, 5 }, n), 3) end, { 5, 6 })
      both(tester, function(n)
         return rep(tn, { 6, 6, 6, 6 }, n):cbitand(rep(tn, { 1, 2, 4, 8 }, n))
      end, { 0, 2, 4, 0 })
      both(tester, function(n)
         local r = torch[tn .. 'Tensor']()
         torch.cbitor(r, rep(tn, { 1, 2 }, n), rep(tn, { 4, 2 }, n))
         return r
      end, { 5, 2 })
      both(tester, function(n)
         return torch.cbitxor(rep(tn, { 3, 2 }, n), rep(tn, { 1, 2 }, n))
      end, { 2, 0 })
   end
   both(tester, function(n) return rep('Char', { -1 }, n):bitand(15) end, { 15 })
end

function tests.shifts()
   for _, tn in ipairs(INTS) do
      both(tester, function(n) return rep(tn, { 1, 3 }, n):lshift(2) end, { 4, 12 })
      both(tester, function(n) return torch.rshift(rep(tn, { 32, 7 }, n), 2) end, { 8, 1 })
      both(tester, function(n)
         return rep(tn, { 1, 1, 1, 1 }, n):clshift(rep(tn, { 1, 2, 3, 4 }, n))
      end, { 2, 4, 8, 16 })
      both(tester, function(n)
         return torch.crshift(rep(tn, { 32, 32, 32, 32 }, n), rep(tn, { 1, 2, 3, 4 }, n))
      end, { 16, 8, 4, 2 })
   end
   both(tester, function(n) return rep('Char', { -1 }, n):rshift(1) end, { 127 })
   both(tester, function(n) return rep('Char', { 100 }, n):lshift(1) end, { -56 })
   both(tester, function(n) return rep('Byte', { 200 }, n):lshift(1) end, { 144 })
   both(tester, function(n) return rep('Int', { -1 }, n):rshift(28) end, { 15 })
   both(tester, function(n) return rep('Long', { -1 }, n):rshift(60) end, { 15 })
end

function tests.floatShiftsScaleByPowersOfTwo()
   both(tester, function(n) return rep('Double', { 1.5 }, n):lshift(2) end, { 6 })
   both(tester, function(n) return rep('Float', { 6 }, n):rshift(2) end, { 1.5 })
   both(tester, function(n)
      return rep('Double', { 3, 3 }, n):clshift(rep('Double', { 1, -1 }, n))
   end, { 6, 1.5 })
   both(tester, function(n)
      return rep('Float', { 3, 3 }, n):crshift(rep('Float', { 1, 2 }, n))
   end, { 1.5, 0.75 })
end

function tests.bitwiseRejectsFloatsAndBadArguments()
   raises(tester, function() torch.Tensor({ 1 }):bitand(1) end, 'torch.DoubleTensor.bitand')
   raises(tester, function() torch.FloatTensor({ 1 }):cbitor(torch.FloatTensor({ 1 })) end,
      'cbitor')
   raises(tester, function() torch.IntTensor({ 1 }):bitxor('x') end, 'bitxor')
   raises(tester, function() torch.IntTensor(2):cbitand(torch.IntTensor(3)) end, 'cbitand')
end

tester:add(tests)
return tester
