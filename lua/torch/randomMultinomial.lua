-- torch.multinomial, Torch7's sampling with and without replacement, on the generator of
-- random.lua.
local torch = ...
local ffi = require 'ffi'
local R = torch._randomCore
local default, uniform01, isGenerator, fail, long = R.default, R.uniform01, R.isGenerator,
   R.fail, R.long
local FLOAT = R.FLOAT
local floor = math.floor
local isTensor, info = torch.isTensor, torch._info

-- torch.multinomial

-- Check that every row of probabilities (rows x cats, strides rs, cs) is a distribution.
local function checkDistribution(pdata, poff, rows, cats, rs, cs, where)
   for r = 0, rows - 1 do
      local sum = 0
      for j = 0, cats - 1 do
         local q = tonumber(pdata[poff + r * rs + j * cs])
         if q ~= q or q < 0 then
            fail(where, 'invalid multinomial distribution: probability %s (row %d, column %d) ' ..
               'is negative or NaN', tostring(q), r + 1, j + 1)
         end
         sum = sum + q
      end
      if sum ~= sum or sum <= 0 then
         fail(where, 'invalid multinomial distribution: the probabilities of row %d sum to %s',
            r + 1, tostring(sum))
      end
   end
end

-- Draw `count` samples from row `r` into res[r] (1-based category indices).
local function drawRow(s, cum, pdata, base, cats, cs, count, repl, rdata, roff, rsd)
   local sum = 0
   for j = 0, cats - 1 do
      sum = sum + tonumber(pdata[base + j * cs])
      cum[j] = sum
   end
   for j = 0, cats - 1 do cum[j] = cum[j] / sum end
   for k = 0, count - 1 do
      local u = uniform01(s)
      cum[cats - 1] = 1
      local lo, hi = 0, cats
      while hi > lo do
         local mid = lo + floor((hi - lo) / 2)
         if cum[mid] < u then lo = mid + 1 else hi = mid end
      end
      rdata[roff + k * rsd] = lo + 1
      if not repl then
         local diff = cum[lo] - (lo > 0 and cum[lo - 1] or 0)
         local total = 1 - diff
         for j = 0, cats - 1 do
            local c = cum[j]
            if j >= lo then c = c - diff end
            cum[j] = c / total
         end
      end
   end
end

--[[ Draw category indices from the distributions in the rows of `probs` (need not sum
to one): for each row, `n` samples, with or without replacement.
ARGS: [res (LongTensor)], [gen], probs (Float/DoubleTensor, 1-D or 2-D), n,
      [replacement = false]
RETURN: LongTensor of size n (1-D probs) or rows x n ]]
function torch.multinomial(...)
   local where = 'torch.multinomial'
   local args = { ... }
   local i, res, s = 1, nil, default._s
   if isTensor(args[1]) and (isTensor(args[2]) or isGenerator(args[2])) then
      res, i = args[1], 2
   end
   if isGenerator(args[i]) then s, i = args[i]._s, i + 1 end
   local probs, count, repl = args[i], args[i + 1], args[i + 2]
   if not isTensor(probs) or not FLOAT[info(probs).name] then
      fail(where, 'probabilities must be a torch.FloatTensor or torch.DoubleTensor, got %s',
         torch.type(probs))
   end
   if res == nil then
      res = torch.LongTensor()
   elseif info(res).name ~= 'Long' then
      fail(where, 'the result must be a torch.LongTensor, got %s', torch.type(res))
   end
   count = long(count, where, 'the number of samples')
   if repl == nil then repl = false end
   if type(repl) ~= 'boolean' then
      fail(where, 'replacement must be a boolean, got %s', torch.type(repl))
   end
   local nd = probs._nd
   if nd ~= 1 and nd ~= 2 then
      fail(where, 'probabilities must be a vector or a matrix, got %d dimensions', nd)
   end
   local rows, cats = nd == 1 and 1 or probs._sz[0], probs._sz[nd - 1]
   local rs, cs = nd == 1 and 0 or probs._sd[0], probs._sd[nd - 1]
   if count <= 0 then fail(where, 'the number of samples must be positive, got %d', count) end
   if not repl and count > cats then
      fail(where, 'cannot draw %d samples without replacement from %d categories', count, cats)
   end
   torch._checkBounds(probs, where)
   local pdata, poff = probs._st._data, probs._off
   checkDistribution(pdata, poff, rows, cats, rs, cs, where)
   if nd == 1 then
      torch._resizeNd(res, 1, { count })
   else
      torch._resizeNd(res, 2, { rows, count })
   end
   local rdata, rsd = res._st._data, res._sd[res._nd - 1]
   local cum = ffi.new('double[?]', cats)
   for r = 0, rows - 1 do
      local roff = res._off + (nd == 2 and r * res._sd[0] or 0)
      drawRow(s, cum, pdata, poff + r * rs, cats, cs, count, repl, rdata, roff, rsd)
   end
   return res
end
