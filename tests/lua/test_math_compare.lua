-- Comparisons lt, le, gt, ge, eq, ne against numbers and tensors.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
local H = dofile(dir .. 'pointwise_helpers.lua')
local tester = torch.Tester()
local tests = {}
local rep, both, raises = H.rep, H.both, H.raises

local XS = { 1, 2, 3 }
local WANT_VALUE = {   -- against 2
   lt = { 1, 0, 0 }, le = { 1, 1, 0 }, gt = { 0, 0, 1 }, ge = { 0, 1, 1 },
   eq = { 0, 1, 0 }, ne = { 1, 0, 1 },
}
local YS = { 3, 2, 1 }
local WANT_TENSOR = {
   lt = { 1, 0, 0 }, le = { 1, 1, 0 }, gt = { 0, 0, 1 }, ge = { 0, 1, 1 },
   eq = { 0, 1, 0 }, ne = { 1, 0, 1 },
}

function tests.allFormsAllTypes()
   for _, tn in ipairs({ 'Double', 'Float', 'Long', 'Int', 'Short', 'Char', 'Byte' }) do
      for op, want in pairs(WANT_VALUE) do
         both(tester, function(n) return rep(tn, XS, n)[op](rep(tn, XS, n), 2) end, want,
            nil, 'torch.ByteTensor')
         both(tester, function(n) return torch[op](rep(tn, XS, n), 2) end, want,
            nil, 'torch.ByteTensor')
         both(tester, function(n) return torch[op](rep(tn, XS, n), rep(tn, YS, n)) end,
            WANT_TENSOR[op], nil, 'torch.ByteTensor')
         both(tester, function(n)
            local r = torch.ByteTensor()
            r[op](r, rep(tn, XS, n), 2)
            return r
         end, want, nil, 'torch.ByteTensor')
         both(tester, function(n)
            local r = torch[tn .. 'Tensor']()
            torch[op](r, rep(tn, XS, n), rep(tn, YS, n))
            return r
         end, WANT_TENSOR[op], nil, 'torch.' .. tn .. 'Tensor')
      end
   end
end

function tests.valueIsCastToTheTensorType()
   local r = torch.IntTensor({ 1, 2, 3 }):lt(2.5)
   tester:assert(H.matches(r, { 1, 0, 0 }), 'IntTensor:lt(2.5) compares with 2')
end

function tests.operandsKeepTheirValues()
   local a = torch.Tensor({ 1, 2 })
   local r = a:gt(1)
   tester:assert(H.matches(a, { 1, 2 }), 'a:gt(v) leaves a alone')
   tester:assert(H.matches(r, { 0, 1 }), 'a:gt(v) result')
end

function tests.shapesAndErrors()
   local m = torch.Tensor({ { 1, 5 }, { 3, 4 } })
   local r = m:ge(3)
   tester:eq(r:dim(), 2)
   tester:assert(H.matches(r, { 0, 1, 1, 1 }), 'ge on a matrix')
   tester:assert(H.matches(torch.lt(m:t(), 4), { 1, 1, 0, 0 }), 'non-contiguous input')
   raises(tester, function() torch.Tensor(2):lt(torch.Tensor(3)) end, 'lt')
   raises(tester, function() torch.Tensor(2):lt('a') end, 'torch.DoubleTensor.lt')
   raises(tester, function() torch.Tensor(2):lt(torch.FloatTensor(2)) end, 'invalid arguments')
   raises(tester, function() torch.IntTensor():lt(torch.Tensor(2), 1) end, 'invalid arguments')
end

tester:add(tests)
return tester
