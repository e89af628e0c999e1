-- Printing of tensors and storages in Torch7's layout. One number format is chosen per
-- object from all its elements: integers, fixed point (with a common scale factor line
-- when the values are large or small), or exponent form when magnitudes differ widely.
-- Matrices wider than 80 characters are split into column blocks, and tensors of three
-- or more dimensions are printed as their 2-D slices `(i,j,.,.) = `.
local torch = ...

local floor, ceil, abs, log10 = math.floor, math.ceil, math.abs, math.log10
local format, concat = string.format, table.concat
local LINE_WIDTH = 80

--[[ The elements of tensor `t` as Lua numbers, in logical (row-major) order, whatever
its strides.
RETURN: array of numbers, element count ]]
function torch._logicalValues(t)
   local nd = t._nd
   local out = {}
   if nd == 0 then return out, 0 end
   torch._checkBounds(t, torch.typename(t))
   local toNumber = torch._info(t).isHalf and torch._halfToNumber or tonumber
   local data = t._st._data
   local sz, sd, idx = {}, {}, {}
   for d = 1, nd do
      sz[d], sd[d], idx[d] = t._sz[d - 1], t._sd[d - 1], 0
   end
   local inner, step = sz[nd], sd[nd]
   local pos, n = t._off, 0
   while true do
      local p = pos
      for _ = 1, inner do
         n = n + 1
         out[n] = toNumber(data[p])
         p = p + step
      end
      local d = nd - 1
      while d >= 1 do
         idx[d] = idx[d] + 1
         pos = pos + sd[d]
         if idx[d] < sz[d] then break end
         pos = pos - sd[d] * sz[d]
         idx[d] = 0
         d = d - 1
      end
      if d < 1 then break end
   end
   return out, n
end

-- Smallest and largest absolute value; any NaN makes both NaN (as TH's min and max).
local function absRange(vals, n)
   local lo, hi = abs(vals[1]), abs(vals[1])
   for i = 1, n do
      local a = abs(vals[i])
      if a ~= a then return a, a end
      if a < lo then lo = a end
      if a > hi then hi = a end
   end
   return lo, hi
end

-- Number of digits before the decimal point of a positive number (1 for zero).
local function digits(x)
   if x == 0 then return 1 end
   return floor(log10(x)) + 1
end

--[[ The format Torch7 uses for the `n` numbers `vals`.
RETURN: format string, scale (number or nil), field width ]]
local function numberFormat(vals, n)
   if n == 0 then return '', nil, 0 end
   local intMode = true
   for i = 1, n do
      local v = vals[i]
      if v ~= ceil(v) then
         intMode = false
         break
      end
   end
   local lo, hi = absRange(vals, n)
   local expMin, expMax = digits(lo), digits(hi)
   local fmt, scale, sz
   if intMode then
      if expMax > 9 then
         fmt, sz = '%11.4e', 11
      else
         sz = expMax + 1
         fmt = '%' .. sz .. 'd'
      end
   elseif expMax - expMin > 4 then
      sz = (abs(expMax) > 99 or abs(expMin) > 99) and 12 or 11
      fmt = '%' .. sz .. '.4e'
   else
      if expMax > 5 or expMax < 0 then
         sz, scale = 7, 10 ^ (expMax - 1)
      elseif expMax == 0 then
         sz = 7
      else
         sz = expMax + 6
      end
      fmt = '%' .. sz .. '.4f'
      if sz ~= sz then fmt = '%f' end      -- NaN among the values
   end
   if scale == 1 then scale = nil end
   return fmt, scale, sz
end
torch._numberFormat = numberFormat

-- Lines of a column of numbers (1-D tensors and storages), each ending with a newline.
local function formatColumn(out, vals, n, fmt, scale)
   if scale then
      out[#out + 1] = format('%g', scale) .. ' *\n'
      for i = 1, n do out[#out + 1] = format(fmt, vals[i] / scale) .. '\n' end
   else
      for i = 1, n do out[#out + 1] = format(fmt, vals[i]) .. '\n' end
   end
end

-- A rows x cols matrix whose elements start after vals[base], row-major.
local function formatMatrix(out, vals, base, rows, cols, fmt, scale, sz, indent)
   scale = scale or 1
   local perLine = floor((LINE_WIDTH - #indent) / (sz + 1))
   out[#out + 1] = indent
   local first = 1
   while first <= cols do
      local last = cols
      if first + perLine - 1 <= cols then last = first + perLine - 1 end
      if perLine < cols then
         if first ~= 1 then out[#out + 1] = '\n' end
         out[#out + 1] = 'Columns ' .. first .. ' to ' .. last .. '\n' .. indent
      end
      local rowIndent = indent
      if scale ~= 1 then
         out[#out + 1] = format('%g', scale) .. ' *\n ' .. indent
         rowIndent = indent .. ' '
      end
      for r = 1, rows do
         local rowBase = base + (r - 1) * cols
         for c = first, last do
            out[#out + 1] = format(fmt, vals[rowBase + c] / scale)
            out[#out + 1] = c == last and '\n' or ' '
         end
         if r ~= rows then out[#out + 1] = rowIndent end
      end
      first = last + 1
   end
end

-- Every 2-D slice of a tensor of nd >= 3 dimensions, first index varying fastest.
local function formatSlices(out, vals, sizes, fmt, scale, sz)
   local nd = #sizes
   local rows, cols = sizes[nd - 1], sizes[nd]
   local counter = {}
   for d = 1, nd - 2 do counter[d] = 1 end
   local started = false
   while true do
      if started then out[#out + 1] = '\n' end
      started = true
      local base, span = 0, rows * cols
      for d = nd - 2, 1, -1 do
         base = base + (counter[d] - 1) * span
         span = span * sizes[d]
      end
      out[#out + 1] = '(' .. concat(counter, ',') .. ',.,.) = \n'
      formatMatrix(out, vals, base, rows, cols, fmt, scale, sz, ' ')
      local d = 1
      while d <= nd - 2 do
         counter[d] = counter[d] + 1
         if counter[d] <= sizes[d] then break end
         counter[d] = 1
         d = d + 1
      end
      if d > nd - 2 then break end
   end
end

--[[ The text Torch7 prints for tensor `t` (ends with a newline).
RETURN: string ]]
function torch._tensorToString(t)
   local name = torch.typename(t)
   local nd = t._nd
   if nd == 0 then return '[' .. name .. ' with no dimension]\n' end
   local vals, n = torch._logicalValues(t)
   local fmt, scale, sz = numberFormat(vals, n)
   local sizes = {}
   for d = 1, nd do sizes[d] = t._sz[d - 1] end
   local out = {}
   if nd == 1 then
      formatColumn(out, vals, n, fmt, scale)
   elseif nd == 2 then
      formatMatrix(out, vals, 0, sizes[1], sizes[2], fmt, scale, sz, '')
   else
      formatSlices(out, vals, sizes, fmt, scale, sz)
   end
   out[#out + 1] = '[' .. name .. ' of size ' .. concat(sizes, 'x') .. ']\n'
   return concat(out)
end

torch._tensorMethods.__tostring__ = torch._tensorToString

--[[ The text Torch7 prints for storage `s` (ends with a newline).
RETURN: string ]]
function torch._storageToString(s)
   local n = s._n
   local toNumber = torch._info(s).isHalf and torch._halfToNumber or tonumber
   local vals, data = {}, s._data
   for i = 1, n do vals[i] = toNumber(data[i - 1]) end
   local fmt, scale = numberFormat(vals, n)
   local out = {}
   formatColumn(out, vals, n, fmt, scale)
   out[#out + 1] = '[' .. torch.typename(s) .. ' of size ' .. n .. ']\n'
   return concat(out)
end

for _, T in ipairs(torch._allTypes) do
   T.storageMethods.__tostring__ = torch._storageToString
end

--[[ The text of the number `x` as Torch7 prints it alone, without padding (exponent form
where a lone value would need a scale factor).
RETURN: string ]]
function torch._formatNumber(x)
   local fmt, scale = numberFormat({ x }, 1)
   if scale then fmt = '%.4e' end
   return (format(fmt, x):gsub('^ +', ''))
end
