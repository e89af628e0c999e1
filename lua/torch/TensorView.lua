-- Views (narrow, select, sub, transpose, t, permute, unfold, expand, squeeze, unsqueeze,
-- view, viewAs) and the copying basics (copy, clone, contiguous, type conversion).
-- Views are pure Lua geometry: no crossing into Python.
local torch = ...
local M = torch._tensorMethods
local rawTensor, numel = torch._rawTensor, torch._numel
local checkDim, argError = torch._checkDim, torch._argError

local owners = torch._storageOwners

--[[ A new tensor of the same type viewing the same storage as `t`, same geometry. ]]
local function alias(t)
   local T = torch._info(t)
   local r = rawTensor(T, owners[t], t._off)
   local nd = t._nd
   r._nd = nd
   for d = 0, nd - 1 do r._sz[d] = t._sz[d]; r._sd[d] = t._sd[d] end
   return r
end
torch._alias = alias

local function checkInt(t, fname, what, v)
   if type(v) ~= 'number' or v ~= math.floor(v) then
      argError(t, fname, '%s must be an integer, got %s', what, tostring(v))
   end
end

--[[ View of `size` slices of dimension `dim` starting at `first` (1-based). ]]
function M.narrow(t, dim, first, size)
   local d = checkDim(t, 'narrow', dim)
   checkInt(t, 'narrow', 'first index', first)
   checkInt(t, 'narrow', 'size', size)
   local n = t._sz[d]
   if first < 1 or size < 1 or first + size - 1 > n then
      argError(t, 'narrow', 'range [%d, %d] out of bounds of dimension %d (size %d)',
         first, first + size - 1, dim, n)
   end
   local r = alias(t)
   r._off = t._off + (first - 1) * t._sd[d]
   r._sz[d] = size
   return r
end

--[[ Remove dimension `dim` by taking its slice `index`. On a 1-D tensor this returns the
element `index` whatever `dim` says, as Torch7 did. ]]
function M.select(t, dim, index)
   checkInt(t, 'select', 'index', index)
   if t._nd == 1 then
      local n = t._sz[0]
      if index < 0 then index = index + n + 1 end
      if index < 1 or index > n then
         argError(t, 'select', 'index %d out of range (size %d)', index, n)
      end
      local pos = t._off + (index - 1) * t._sd[0]
      if pos >= t._st._n then torch._staleError(t, pos) end
      if t._flags == 1 then return torch._halfToNumber(t._st._data[pos]) end
      return tonumber(t._st._data[pos])
   end
   local d = checkDim(t, 'select', dim)
   local n = t._sz[d]
   if index < 0 then index = index + n + 1 end
   if index < 1 or index > n then
      argError(t, 'select', 'index %d out of range of dimension %d (size %d)', index, dim, n)
   end
   local r = alias(t)
   r._off = t._off + (index - 1) * t._sd[d]
   for k = d, t._nd - 2 do r._sz[k] = t._sz[k + 1]; r._sd[k] = t._sd[k + 1] end
   r._nd = t._nd - 1
   return r
end

--[[ Narrow up to four dimensions at once: sub(d1first, d1last, d2first, d2last, ...),
negative indices counting from the end. ]]
function M.sub(t, ...)
   local r = t
   local n = select('#', ...)
   if n % 2 == 1 then argError(t, 'sub', 'expected pairs of (first, last) indices') end
   for i = 1, n, 2 do
      local d = (i + 1) / 2
      local a, b = select(i, ...)
      local size = t._sz[checkDim(t, 'sub', d)]
      if a < 0 then a = a + size + 1 end
      if b < 0 then b = b + size + 1 end
      if a < 1 or b > size or a > b then
         argError(t, 'sub', 'range [%d, %d] out of bounds of dimension %d (size %d)', a, b, d, size)
      end
      r = r:narrow(d, a, b - a + 1)
   end
   return r == t and alias(t) or r
end

function M.transpose(t, d1, d2)
   local a, b = checkDim(t, 'transpose', d1), checkDim(t, 'transpose', d2)
   local r = alias(t)
   r._sz[a], r._sz[b] = t._sz[b], t._sz[a]
   r._sd[a], r._sd[b] = t._sd[b], t._sd[a]
   return r
end

function M.t(t)
   if t._nd ~= 2 then argError(t, 't', 'expected a 2D tensor, got %dD', t._nd) end
   return M.transpose(t, 1, 2)
end

function M.permute(t, ...)
   local perm = { ... }
   if #perm ~= t._nd then
      argError(t, 'permute', 'expected %d dimensions, got %d', t._nd, #perm)
   end
   local seen, r = {}, alias(t)
   for i, p in ipairs(perm) do
      local d = checkDim(t, 'permute', p)
      if seen[d] then argError(t, 'permute', 'dimension %d repeated', p) end
      seen[d] = true
      r._sz[i - 1], r._sd[i - 1] = t._sz[d], t._sd[d]
   end
   return r
end

--[[ All slices of `size` elements, `step` apart, along `dim`, as a new last dimension. ]]
function M.unfold(t, dim, size, step)
   local nd = t._nd
   local d = nd == 0 and 0 or checkDim(t, 'unfold', dim)
   checkInt(t, 'unfold', 'size', size)
   checkInt(t, 'unfold', 'step', step)
   if size > t._sz[d] or step < 1 then
      argError(t, 'unfold', 'size %d or step %d invalid for dimension %d of size %d',
         size, step, dim, t._sz[d])
   end
   if nd + 1 > torch.MAXDIM then argError(t, 'unfold', 'too many dimensions') end
   local r = alias(t)
   r._nd = nd + 1
   r._sz[d] = math.floor((t._sz[d] - size) / step) + 1
   r._sd[d] = step * t._sd[d]
   r._sz[nd] = size
   r._sd[nd] = t._sd[d]
   return r
end

--[[ View with singleton dimensions repeated to the given sizes (stride 0). ]]
function M.expand(t, ...)
   local src = ...
   if torch.isTensor(src) then   -- result form: result:expand(src, sizes...)
      return t:set(src:expand(select(2, ...)))
   end
   if t._nd == 0 then argError(t, 'expand', 'cannot expand a tensor with no dimensions') end
   local nd, sz = torch._parseSizes(torch.typename(t) .. '.expand', 1, ...)
   if nd > torch.MAXDIM then
      argError(t, 'expand', 'tensors have at most %d dimensions (asked for %d)', torch.MAXDIM, nd)
   end
   if nd < t._nd then
      argError(t, 'expand', 'the number of sizes (%d) is smaller than the dimension (%d)',
         nd, t._nd)
   end
   local r = alias(t)
   local lead = nd - t._nd
   for d = nd - 1, 0, -1 do
      local k = d - lead
      local cur = k >= 0 and t._sz[k] or 1
      local want = sz[d + 1]
      if cur == want then
         r._sz[d], r._sd[d] = cur, k >= 0 and t._sd[k] or 0
      elseif cur == 1 then
         r._sz[d], r._sd[d] = want, 0
      else
         argError(t, 'expand', 'cannot expand size %d of dimension %d to %d', cur, k + 1, want)
      end
   end
   r._nd = nd
   return r
end

function M.expandAs(t, other, template)
   if template ~= nil then return t:set(other:expand(template:size())) end
   return t:expand(other:size())
end

--[[ Remove the dimensions of size 1 (only `dim` when given). As in Torch7 the result is a
Lua number when it holds a single element in one dimension (with `dim`, only when `t` had at
most one dimension). Result form: res:squeeze(src [, dim]) sets res to the squeezed src.
RETURN: a view of the same storage, or a number ]]
function M.squeeze(t, a, b)
   local res, src, dim = nil, t, a
   if torch.isTensor(a) then res, src, dim = t, a, b end
   local r = alias(src)
   local n = 0
   local only = dim and checkDim(src, 'squeeze', dim)
   for d = 0, src._nd - 1 do
      if src._sz[d] ~= 1 or (only and d ~= only) then
         r._sz[n], r._sd[n] = src._sz[d], src._sd[d]
         n = n + 1
      end
   end
   if n == 0 and src._nd > 0 then
      n = 1
      r._sz[0], r._sd[0] = 1, 1
   end
   r._nd = n
   if res ~= nil then r = res:set(r) end
   if n == 1 and r._sz[0] == 1 and (dim == nil or src._nd <= 1) then
      return r[1]
   end
   return r
end

function M.unsqueeze(t, dim)
   local nd = t._nd
   if type(dim) ~= 'number' or dim < 1 or dim > nd + 1 then
      argError(t, 'unsqueeze', 'dimension %s out of range [1, %d]', tostring(dim), nd + 1)
   end
   if nd == 0 then argError(t, 'unsqueeze', 'cannot unsqueeze a tensor with no dimensions') end
   if nd >= torch.MAXDIM then
      argError(t, 'unsqueeze', 'tensors have at most %d dimensions', torch.MAXDIM)
   end
   local r = alias(t)
   local d = dim - 1
   for k = nd, d + 1, -1 do r._sz[k], r._sd[k] = t._sz[k - 1], t._sd[k - 1] end
   r._sz[d] = 1
   r._sd[d] = d < nd and t._sz[d] * t._sd[d] or 1
   r._nd = nd + 1
   return r
end

--[[ A view of a contiguous tensor with new sizes; one size may be -1 (inferred). ]]
function M.view(t, ...)
   local a = ...
   local nd, sz
   if torch.isTensor(a) and select('#', ...) > 1 then   -- result form: result:view(src, sizes...)
      return t:set(a:view(select(2, ...)))
   end
   if torch.isTensor(a) then
      nd, sz = a._nd, {}
      for d = 0, nd - 1 do sz[d + 1] = a._sz[d] end
   else
      nd, sz = torch._parseSizes(torch.typename(t) .. '.view', 1, ...)
   end
   if not t:isContiguous() then
      argError(t, 'view', 'the tensor must be contiguous (call :contiguous() first)')
   end
   local total, known, infer = numel(t), 1, nil
   for d = 1, nd do
      if sz[d] == -1 then
         if infer then argError(t, 'view', 'only one size may be -1') end
         infer = d
      else
         known = known * sz[d]
      end
   end
   if infer then
      if known == 0 or total % known ~= 0 then
         argError(t, 'view', 'cannot infer size -1 for %d elements', total)
      end
      sz[infer] = total / known
      known = total
   end
   if known ~= total then
      argError(t, 'view', 'sizes hold %d elements but the tensor has %d', known, total)
   end
   local r = alias(t)
   torch._setGeometry(r, nd, sz, nil)
   return r
end

function M.viewAs(t, other, template)
   if template ~= nil then return t:set(other:view(template)) end
   return t:view(other)
end

-- Function forms torch.view(...), torch.expand(...), ... as upstream's Tensor.lua defines.
for _, name in ipairs({ 'view', 'viewAs', 'expand', 'expandAs', 'permute', 'squeeze' }) do
   torch[name] = function(t, ...)
      if not torch.isTensor(t) then
         error(string.format('torch.%s: expected a tensor as first argument, got %s', name,
            torch.type(t)), 2)
      end
      return t[name](t, ...)
   end
end
