-- torch._elementLoop: loops written out as straight code up to SHORT elements, and the
-- operations built on them (elementwise math, fill, sum) at every length around that bound.
local tester = torch.Tester()
local tests = {}
local EL = torch._elementLoop

local function lengths()
   local list = {}
   for n = 0, EL.SHORT + 2 do list[#list + 1] = n end
   list[#list + 1] = 100
   return list
end

function tests.compiledLoopVisitsEveryElementOnce()
   local ffi = require 'ffi'
   local scaled = EL.compile('d, n, v', 's = s + d[i] * v + i', 'local s = 0', 's')
   local count = EL.compile('d, n', 'd[i] = d[i] + 1')
   for _, n in ipairs(lengths()) do
      local d = ffi.new('double[?]', n + 1)
      for i = 0, n do d[i] = i + 0.5 end
      local want = 0
      for i = 0, n - 1 do want = want + (i + 0.5) * 3 + i end
      tester:eq(scaled(d, n, 3), want, 'sum over ' .. n .. ' elements')
      count(d, n)
      for i = 0, n - 1 do tester:eq(d[i], i + 1.5, 'element ' .. i .. ' of ' .. n) end
      tester:eq(d[n], n + 0.5, 'nothing written past ' .. n .. ' elements')
   end
end

function tests.fillAndSumAtEveryLength()
   for _, name in ipairs({ 'Double', 'Float', 'Int', 'Long', 'Byte' }) do
      for _, n in ipairs(lengths()) do
         local t = torch[name .. 'Tensor'](n + 1):fill(9)
         local head = t:narrow(1, 1, math.max(n, 1))
         if n > 0 then head:fill(3) end
         local ok = true
         for i = 1, n do ok = ok and t[i] == 3 end
         tester:assert(ok, name .. ' fill of ' .. n .. ' elements')
         tester:eq(t[n + 1], 9, name .. ' fill stops after ' .. n .. ' elements')
         for i = 1, n do t[i] = i % 5 end
         local want = 0
         for i = 1, n do want = want + t[i] end
         if n > 0 then tester:eq(head:sum(), want, name .. ' sum of ' .. n .. ' elements') end
      end
   end
end

tester:add(tests)
return tester
