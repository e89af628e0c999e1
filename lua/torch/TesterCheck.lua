-- The comparisons behind torch.Tester's eq/ne assertions: numbers, tables, tensors and
-- storages, with a tolerance. Each returns success and, on failure, a message.
local torch = ...
local ffi = require 'ffi'

local check = {}
-- Torch7 called tensors and storages userdata; messages keep that word.
local function typeName(x)
   if torch.isTensor(x) or torch.isStorage(x) then return 'userdata' end
   return type(x)
end

-- The largest |a - b| over paired elements; NaN when any difference is NaN. Float values
-- subtract in single precision, as a FloatTensor does.
local float1 = ffi.new('float[1]')
local function maxAbsDiff(va, vb, n, single)
   local err = 0
   for i = 1, n do
      local d = va[i] - vb[i]
      if single then
         float1[0] = d
         d = float1[0]
      end
      d = math.abs(d)
      if d ~= d then return d end
      if d > err then err = d end
   end
   return err
end

local function storageValues(s)
   local toNumber = torch._info(s).isHalf and torch._halfToNumber or tonumber
   local vals = {}
   for i = 1, s._n do vals[i] = toNumber(s._data[i - 1]) end
   return vals, s._n
end

function check.areSameFormatValuesEq(va, vb, n, single, tolerance, negate, storage)
   local err = maxAbsDiff(va, vb, n, single)
   local ok = err <= tolerance
   if negate then ok = not ok end
   if ok then return true end
   return false, string.format('%s%s violation: max diff=%s, tolerance=%s',
      storage and 'Storage' or 'Tensor', negate and 'NE(==)' or 'EQ(==)', tostring(err),
      tostring(tolerance))
end

function check.areTensorsEq(ta, tb, tolerance, negate, ignoreDims)
   if not ignoreDims and ta:dim() ~= tb:dim() then
      return negate, 'The tensors have different dimensions'
   end
   if ta:type() ~= tb:type() then return negate, 'The tensors have different types' end
   if ta:dim() == 0 and tb:dim() == 0 then return not negate, 'Both tensors are empty' end
   local same
   if ignoreDims then same = ta:nElement() == tb:nElement() else same = ta:isSameSizeAs(tb) end
   if not same then return negate, 'The tensors have different sizes' end
   local va, n = torch._logicalValues(ta)
   local vb = torch._logicalValues(tb)
   local single = torch._info(ta).name == 'Float'
   return check.areSameFormatValuesEq(va, vb, n, single, tolerance, negate, false)
end

function check.areStoragesEq(sa, sb, tolerance, negate)
   if sa:size() ~= sb:size() then return negate, 'The storages have different sizes' end
   if torch.type(sa) ~= torch.type(sb) then return negate, 'The storages have different types' end
   local va, n = storageValues(sa)
   local vb = storageValues(sb)
   local single = torch._info(sa).name == 'Float'
   return check.areSameFormatValuesEq(va, vb, n, single, tolerance, negate, true)
end

function check.areEq(got, expected, tolerance, negate)
   local tg, te = typeName(got), typeName(expected)
   if tg ~= te or torch.isTensor(got) ~= torch.isTensor(expected) then
      if negate then return true end
      return false, 'EQ failed: values have different types (first: ' .. tg .. ', second: '
         .. te .. ')'
   end
   if tg == 'number' then
      local ok = math.abs(got - expected) <= tolerance
      if negate then ok = not ok end
      if ok then return true end
      local msg = string.format(negate and 'NE failed: %s == %s' or 'EQ failed: %s ~= %s',
         tostring(got), tostring(expected))
      if tolerance > 0 then msg = msg .. ' with tolerance=' .. tostring(tolerance) end
      return false, msg
   elseif tg == 'table' then
      return check.areTablesEq(got, expected, tolerance, negate)
   elseif torch.isTensor(got) then
      return check.areTensorsEq(got, expected, tolerance, negate)
   elseif torch.isStorage(got) then
      return check.areStoragesEq(got, expected, tolerance, negate)
   end
   local ok = got == expected
   if negate then ok = not ok end
   if ok then return true end
   return false, string.format(negate and 'NE failed: %s (%s) == %s (%s)'
      or 'EQ failed: %s (%s) ~= %s (%s)', tostring(got), type(got), tostring(expected),
      type(expected))
end

-- Breadth first, so that the reported difference is the shallowest one.
function check.areTablesEq(t1, t2, tolerance, negate)
   local queue, head = { { t1, t2 } }, 1
   while queue[head] do
      local a, b, location = unpack(queue[head])
      head = head + 1
      local function where(key)
         return location and (location .. '.' .. tostring(key)) or tostring(key)
      end
      for key, v1 in pairs(a) do
         local v2 = b[key]
         if v2 == nil then
            return negate, string.format('Entry %s missing in second table (is %s in first)',
               where(key), tostring(v1))
         end
         if type(v1) == 'table' and type(v2) == 'table' then
            queue[#queue + 1] = { v1, v2, where(key) }
         else
            local ok, msg = check.areEq(v1, v2, tolerance, false)
            if not ok then return negate, 'At table location ' .. where(key) .. ': ' .. msg end
         end
      end
      for key, v2 in pairs(b) do
         if a[key] == nil then
            return negate, string.format('Entry %s missing in first table (is %s in second)',
               where(key), tostring(v2))
         end
      end
   end
   return not negate, 'The tables are equal'
end

torch._testerCheck = check
