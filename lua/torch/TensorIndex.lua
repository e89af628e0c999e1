-- Indexing with [ ]: t[i] (a number for 1-D tensors, else a slice view), t[{...}] with
-- numbers, {first, last} ranges (negative from the end) and {} (whole dimension),
-- t[mask] (ByteTensor) and t[indices] (LongTensor); and the same forms on assignment.
local torch = ...

local function indexError(t, fmt, ...)
   error(string.format('%s: ', torch.typename(t)) .. string.format(fmt, ...), 3)
end

-- Apply a table index: narrow ranges, select numbers. Returns a view, or a number when
-- every dimension was selected.
local function tableIndex(t, idx)
   if #idx > t._nd then
      indexError(t, 'too many indices (%d) for a %dD tensor', #idx, t._nd)
   end
   local r, dim = t, 1
   for i = 1, #idx do
      local v = idx[i]
      if type(v) == 'number' then
         if r._nd == 1 then
            local n = r._sz[0]
            if v < 0 then v = v + n + 1 end
            if v < 1 or v > n or v ~= math.floor(v) then
               indexError(t, 'index %s out of range (size %d)', tostring(idx[i]), n)
            end
            local pos = r._off + (v - 1) * r._sd[0]
            if pos >= r._st._n then torch._staleError(r, pos) end
            if r._flags == 1 then return torch._halfToNumber(r._st._data[pos]) end
            return tonumber(r._st._data[pos])
         end
         r = r:select(dim, v)
      elseif type(v) == 'table' then
         local size = r._sz[dim - 1]
         local a, b = v[1] or 1, v[2] or v[1] or size
         if type(a) ~= 'number' or type(b) ~= 'number' then
            indexError(t, 'range for dimension %d must hold numbers', i)
         end
         if a < 0 then a = a + size + 1 end
         if b < 0 then b = b + size + 1 end
         if a < 1 or b > size or a > b then
            indexError(t, 'range {%s, %s} out of bounds of dimension %d (size %d)',
               tostring(v[1]), tostring(v[2]), i, size)
         end
         r = r:narrow(dim, a, b - a + 1)
         dim = dim + 1
      else
         indexError(t, 'index %d must be a number or a table, got %s', i, type(v))
      end
   end
   if r == t then r = torch._alias(t) end
   return r
end

function torch._tensorIndex(t, k)
   local tk = type(k)
   if tk == 'number' then
      local nd = t._nd
      if nd == 1 then
         local n = t._sz[0]
         if k < 1 or k > n or k ~= math.floor(k) then
            if k < 0 and k >= -n and k == math.floor(k) then
               k = k + n + 1
            else
               indexError(t, 'index %s out of range (size %d)', tostring(k), n)
            end
         end
         local pos = t._off + (k - 1) * t._sd[0]
         local st = t._st
         if pos >= st._n then torch._staleError(t, pos) end
         if t._flags == 1 then return torch._halfToNumber(st._data[pos]) end
         return tonumber(st._data[pos])
      end
      if nd == 0 then indexError(t, 'cannot index an empty tensor') end
      return t:select(1, k)
   elseif tk == 'table' then
      return tableIndex(t, k)
   elseif tk == 'cdata' and torch.isTensor(k) then
      local name = k:type()
      if name == 'torch.ByteTensor' then return t:maskedSelect(k) end
      if name == 'torch.LongTensor' then return t:index(1, k) end
      indexError(t, 'cannot index with a %s (use a ByteTensor mask or a LongTensor)', name)
   end
   return nil
end

local function assign(view, v)
   if type(v) == 'number' then
      view:fill(v)
   elseif torch.isTensor(v) then
      view:copy(v)
   else
      indexError(view, 'can only assign a number or a tensor, got %s', type(v))
   end
end

function torch._tensorNewIndex(t, k, v)
   local tk = type(k)
   if tk == 'number' then
      if t._nd == 1 then
         local n = t._sz[0]
         if k < 0 and k >= -n then k = k + n + 1 end
         if k < 1 or k > n or k ~= math.floor(k) then
            indexError(t, 'index %s out of range (size %d)', tostring(k), n)
         end
         if type(v) ~= 'number' then
            indexError(t, 'a number is expected when assigning to an element, got %s', type(v))
         end
         local pos = t._off + (k - 1) * t._sd[0]
         local st = t._st
         if pos >= st._n then torch._staleError(t, pos) end
         if t._flags == 1 then v = torch._numberToHalf(v) end
         st._data[pos] = v
         return
      end
      if t._nd == 0 then indexError(t, 'cannot index an empty tensor') end
      return assign(t:select(1, k), v)
   elseif tk == 'table' then
      local r = tableIndex(t, k)
      if type(r) == 'number' then
         -- every index is a number: select down to one dimension, then write the element
         local view = t
         for i = 1, #k - 1 do view = view:select(1, k[i]) end
         torch._tensorNewIndex(view, k[#k], v)
         return
      end
      return assign(r, v)
   elseif tk == 'cdata' and torch.isTensor(k) then
      local name = k:type()
      if name == 'torch.ByteTensor' then
         if type(v) == 'number' then return t:maskedFill(k, v) end
         return t:maskedCopy(k, v)
      end
      if name == 'torch.LongTensor' then
         if type(v) == 'number' then return t:indexFill(1, k, v) end
         return t:indexCopy(1, k, v)
      end
   end
   indexError(t, 'invalid index of type %s', torch.type(k))
end
