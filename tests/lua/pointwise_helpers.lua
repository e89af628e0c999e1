-- Helpers shared by the pointwise math tests: tensors repeating a pattern (so that each
-- operation runs both as a small LuaJIT loop and as a kernel call), and comparisons.
local H = {}

H.BIG = 1000   -- repetitions of a pattern for the kernel runs

--[[ A 1-D tensor of type `name` ('Double', ...) holding `vals` repeated `times` times. ]]
function H.rep(name, vals, times)
   times = times or 1
   local t = torch[name .. 'Tensor'](#vals * times)
   local k = 0
   for _ = 1, times do
      for i = 1, #vals do
         k = k + 1
         t[k] = vals[i]
      end
   end
   return t
end

local function same(a, b, tol)
   if a ~= a and b ~= b then return true end
   if a == b then return true end
   return tol ~= nil and math.abs(a - b) <= tol * math.max(1, math.abs(b))
end

--[[ True when the elements of `t` (row-major) are `vals` repeated; message on failure. ]]
function H.matches(t, vals, tol)
   local n = t:nElement()
   if n % #vals ~= 0 then return false, 'element count ' .. n end
   local flat = t:contiguous():view(n)
   for i = 1, n do
      local want = vals[(i - 1) % #vals + 1]
      if not same(flat[i], want, tol) then
         return false, string.format('element %d is %s, expected %s', i, tostring(flat[i]),
            tostring(want))
      end
   end
   return true
end

--[[ Run `f(times)` as a small LuaJIT loop (one repetition) and through the kernels (many
repetitions, with the loop threshold lowered to 0), and check each result. ]]
function H.both(tester, f, vals, tol, typeName)
   local PW = torch._pointwise
   for _, times in ipairs({ 1, H.BIG }) do
      local saved = PW.SMALL
      if times > 1 then PW.SMALL = 0 end
      local ok, r = pcall(f, times)
      PW.SMALL = saved
      if not ok then error(r, 0) end
      local good, msg = H.matches(r, vals, tol)
      tester:assert(good, (msg or '') .. ' (repetitions: ' .. times .. ')')
      if typeName then tester:eq(torch.typename(r), typeName, 'result type') end
   end
end

--[[ Assert that `f` raises an error whose message contains `pattern` (plain text). ]]
function H.raises(tester, f, pattern)
   local ok, err = pcall(f)
   tester:assert(not ok, 'expected an error mentioning ' .. pattern)
   if not ok then
      tester:assert(tostring(err):find(pattern, 1, true) ~= nil,
         'error "' .. tostring(err) .. '" should mention ' .. pattern)
   end
end

return H
