-- Tensor geometry queries and the in-place geometry setters (set, resize, resizeAs).
local torch = ...
local M = torch._tensorMethods
local numel, setGeometry, resizeNd = torch._numel, torch._setGeometry, torch._resizeNd

local function argError(t, fname, fmt, ...)
   error(string.format('%s.%s: ', torch.typename(t), fname) .. string.format(fmt, ...), 3)
end
torch._argError = argError

--[[ `v` when it is a number; otherwise an argument error naming `t`'s method `fname`. ]]
function torch._checkNumber(t, fname, what, v)
   if type(v) ~= 'number' then argError(t, fname, '%s must be a number, got %s', what, type(v)) end
   return v
end

local function checkDim(t, fname, d)
   if type(d) ~= 'number' or d ~= math.floor(d) then
      argError(t, fname, 'dimension must be an integer, got %s', tostring(d))
   end
   if d < 1 or d > t._nd then
      argError(t, fname, 'dimension %d out of range of a %dD tensor', d, t._nd)
   end
   return d - 1
end
torch._checkDim = checkDim

function M.dim(t) return t._nd end
--[[ `torch.Tensor.isTensor(x)`: the same test as torch.isTensor. ]]
function M.isTensor(x) return torch.isTensor(x) end
M.nDimension = M.dim
function M.nElement(t) return numel(t) end
M.numel = M.nElement

--[[ Sizes of `t` as a LongStorage, or the size of dimension `d`. ]]
function M.size(t, d)
   if d ~= nil then return t._sz[checkDim(t, 'size', d)] end
   local s = torch.LongStorage(t._nd)
   for i = 0, t._nd - 1 do s._data[i] = t._sz[i] end
   return s
end

--[[ Strides of `t` as a LongStorage, or the stride of dimension `d`. ]]
function M.stride(t, d)
   if d ~= nil then return t._sd[checkDim(t, 'stride', d)] end
   local s = torch.LongStorage(t._nd)
   for i = 0, t._nd - 1 do s._data[i] = t._sd[i] end
   return s
end

--[[ The storage of `t` (nil for a tensor without one). ]]
function M.storage(t)
   return torch._storageOf(t)
end

function M.storageOffset(t) return t._off + 1 end

function M.isContiguous(t)
   local expected = 1
   for d = t._nd - 1, 0, -1 do
      local s = t._sz[d]
      if s ~= 1 then
         if t._sd[d] ~= expected then return false end
         expected = expected * s
      end
   end
   return true
end

function M.isSameSizeAs(t, other)
   if t._nd ~= other._nd then return false end
   for d = 0, t._nd - 1 do
      if t._sz[d] ~= other._sz[d] then return false end
   end
   return true
end

function M.isSize(t, sizes)
   if sizes:size() ~= t._nd then return false end
   for d = 1, t._nd do
      if sizes[d] ~= t._sz[d - 1] then return false end
   end
   return true
end

--[[ True when `t` and `other` view the same elements of the same storage. ]]
function M.isSetTo(t, other)
   if t._st == nil or other._st == nil or t._st._id ~= other._st._id then return false end
   if t._off ~= other._off or t._nd ~= other._nd then return false end
   for d = 0, t._nd - 1 do
      if t._sz[d] ~= other._sz[d] or t._sd[d] ~= other._sd[d] then return false end
   end
   return true
end

--[[ Make `t` view other data.
ARGS: (tensor) | (storage, [storageOffset], [sizes], [strides]) |
      (storage, storageOffset, size1, stride1, size2, stride2, ...) with sizes/strides as
      LongStorages or numbers.
RETURN: t ]]
function M.set(t, src, offset, ...)
   local T = torch._info(t)
   if src == nil then
      torch._setStorage(t, nil)
      t._off = 0
      setGeometry(t, 0, {}, nil)
      return t
   end
   if torch.isTensor(src) then
      if torch._info(src) ~= T then argError(t, 'set', 'expected a %s', T.tensorName) end
      torch._setStorage(t, torch._storageOf(src))
      t._off = src._off
      local sz, sd = {}, {}
      for d = 0, src._nd - 1 do sz[d + 1] = src._sz[d]; sd[d + 1] = src._sd[d] end
      setGeometry(t, src._nd, sz, sd)
      return t
   end
   if not torch.isStorage(src) or torch._info(src) ~= T then
      argError(t, 'set', 'expected a tensor or a %s', T.storageName)
   end
   offset = offset or 1
   if type(offset) ~= 'number' or offset < 1 or offset ~= math.floor(offset) then
      argError(t, 'set', 'storage offset must be a positive integer, got %s', tostring(offset))
   end
   local sz, sd = {}, nil
   local a, b = ...
   if a == nil then
      sz = { src._n - offset + 1 }
   elseif torch.isStorage(a) then
      sz = a:totable()
      if b ~= nil then
         sd = b:totable()
         if #sd ~= #sz then argError(t, 'set', 'sizes and strides differ in length') end
      end
   else
      sd = {}
      local n = select('#', ...)
      for i = 1, n, 2 do
         local s, st = select(i, ...)
         if s == nil then break end
         sz[#sz + 1] = s
         sd[#sd + 1] = st == nil and -1 or st
      end
   end
   torch._setStorage(t, src)
   t._off = offset - 1
   setGeometry(t, #sz, sz, sd)
   torch._checkBounds(t, torch.typename(t) .. '.set')
   return t
end

--[[ Resize `t` to the given sizes (numbers or a LongStorage, optionally with strides). ]]
function M.resize(t, a, ...)
   if torch.isStorage(a) and torch.isStorage((...)) then
      local sz, sd = a:totable(), (...):totable()
      setGeometry(t, #sz, sz, sd)
      local need = 0
      for d = 0, t._nd - 1 do need = need + (t._sz[d] - 1) * t._sd[d] end
      need = need + t._off + 1
      if t._nd > 0 then
         if t._st == nil then
            torch._setStorage(t, torch._newStorage(torch._info(t), need))
         elseif need > t._st._n then
            torch._resizeStorage(torch._storageOf(t), need)
         end
      end
      return t
   end
   return resizeNd(t, torch._parseSizes(torch.typename(t) .. '.resize', 1, a, ...))
end

function M.resizeAs(t, other)
   local sz = {}
   for d = 0, other._nd - 1 do sz[d + 1] = other._sz[d] end
   return resizeNd(t, other._nd, sz)
end

--[[ Address of the first element of `t` as an FFI pointer (nil when it has no storage). ]]
function M.data(t)
   local st = t._st
   if st == nil then return nil end
   return st._data + t._off
end

function M.cdata(t) return t end
function M.type(t, name)
   local T = torch._info(t)
   if name == nil then return T.tensorName end
   return torch._convert(t, name)
end

--[[ Bytes per element of `t`'s type. ]]
function M.elementSize(t) return torch._info(t).size end

-- Torch7 exposed its reference counting; the Lua collector owns tensors here, so these
-- only return the tensor.
function M.retain(t) return t end
function M.free(t) return t end
