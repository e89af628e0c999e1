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

local function filled(name, n)
   local t = torch[name .. 'Tensor'](n)
   for i = 1, n do t[i] = ((i * 7) % 11 - 5) / 4 end
   return t
end

function tests.reductionsAtEveryLength()
   for _, name in ipairs({ 'Double', 'Float' }) do
      for _, n in ipairs(lengths()) do
         if n > 0 then
            local t, u = filled(name, n), filled(name, n):mul(-1):add(0.5)
            local mx, mn, prod, sq, ab, p3, dot = -math.huge, math.huge, 1, 0, 0, 0, 0
            for i = 1, n do
               local v = t[i]
               mx, mn, prod = math.max(mx, v), math.min(mn, v), prod * v
               sq, ab, p3 = sq + v * v, ab + math.abs(v), p3 + math.abs(v) ^ 3
               dot = dot + v * u[i]
            end
            local what = name .. ' of ' .. n .. ' elements: '
            tester:eq(t:max(), mx, what .. 'max')
            tester:eq(t:min(), mn, what .. 'min')
            tester:eq(t:prod(), prod, what .. 'prod')
            tester:eq(t:norm(), math.sqrt(sq), what .. 'norm')
            tester:eq(t:norm(1), ab, what .. 'norm 1')
            tester:eq(t:norm(3), p3 ^ (1 / 3), 1e-12, what .. 'norm 3')
            tester:eq(t:norm(0), t:ne(0):sum(), what .. 'norm 0')
            local want = name == 'Float' and torch.FloatTensor({ dot })[1] or dot
            tester:eq(t:dot(u), want, what .. 'dot')
            tester:eq(torch.dot(t, u), want, what .. 'torch.dot')
         end
      end
   end
end

function tests.maxAndMinTakeTheFirstNaNAnywhere()
   for _, n in ipairs({ 1, 5, torch._elementLoop.SHORT, 40 }) do
      for at = 1, n do
         local t = filled('Double', n)
         t[at] = 0 / 0
         tester:assert(t:max() ~= t:max(), 'max with NaN at ' .. at .. ' of ' .. n)
         tester:assert(t:min() ~= t:min(), 'min with NaN at ' .. at .. ' of ' .. n)
      end
   end
end

function tests.dotStillRefusesMismatches()
   local ok, err = pcall(torch.dot, torch.Tensor(3), torch.Tensor(4))
   tester:assert(not ok and tostring(err):find('inconsistent tensor sizes', 1, true) ~= nil,
      tostring(err))
   ok = pcall(torch.dot, torch.DoubleTensor(3), torch.FloatTensor(3))
   tester:assert(not ok, 'two tensor types')
   -- a view whose storage shrank afterwards is not read past the storage's end
   local s = torch.DoubleStorage(10):fill(1)
   local t = torch.DoubleTensor(s, 1, 10)
   s:resize(4)
   local ok2, err2 = pcall(torch.dot, t, t)
   tester:assert(not ok2 and tostring(err2):find('storage of size 4', 1, true) ~= nil,
      'dot of a view past its storage: ' .. tostring(err2))
end

function tests.smallProductsRefuseViewsPastTheirStorage()
   local s = torch.DoubleStorage(16):fill(1)
   local x = torch.DoubleTensor(s, 1, torch.LongStorage({ 4, 4 }))
   s:resize(2)
   for name, f in pairs({
      mm = function() return torch.mm(x, torch.eye(4)) end,
      mv = function() return torch.mv(x, torch.ones(4)) end,
   }) do
      local ok, err = pcall(f)
      tester:assert(not ok and tostring(err):find('storage of size 2', 1, true) ~= nil,
         name .. ': ' .. tostring(err))
   end
end

function tests.applyAndMapAtEveryLength()
   for _, n in ipairs(lengths()) do
      if n > 0 then
         local t, u, w = filled('Double', n), filled('Double', n):add(1), filled('Double', n):mul(2)
         local t0 = t:clone()
         local seen = 0
         t:apply(function(x)
            seen = seen + 1
            if seen % 3 ~= 0 then return x * 2 end  -- every third element is left as it is
         end)
         tester:eq(seen, n, 'apply visits ' .. n .. ' elements once')
         for i = 1, n do
            tester:eq(t[i], i % 3 ~= 0 and t0[i] * 2 or t0[i], 'apply element ' .. i .. '/' .. n)
         end
         t:copy(t0):map(u, function(x, y) return x - y end)
         for i = 1, n do tester:eq(t[i], t0[i] - u[i], 'map element ' .. i .. '/' .. n) end
         t:copy(t0):map2(u, w, function(x, y, z) return x + y * z end)
         for i = 1, n do
            tester:eq(t[i], t0[i] + u[i] * w[i], 'map2 element ' .. i .. '/' .. n)
         end
         local ok, err = pcall(function()
            t:apply(function(x) if x == t[n] then return 'no' end end)
         end)
         tester:assert(not ok and tostring(err):find('apply', 1, true) ~= nil,
            'a string from apply is refused: ' .. tostring(err))
      end
   end
end

tester:add(tests)
return tester
