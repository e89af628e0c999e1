-- torch.XTensor for the seven element types: (storage, storageOffset, size, stride),
-- 1-based, any strides. This file defines the types, their constructors and the
-- geometry primitives every other tensor file builds on.
local torch = ...
local K = torch._bridge.K
local MAXDIM = torch.MAXDIM

-- Side tables keyed by tensor (weak keys: an entry goes when its tensor is collected).
local owners = setmetatable({}, { __mode = 'k' })     -- tensor -> its storage object
local views = setmetatable({}, { __mode = 'k' })      -- tensor -> cached numpy view
local viewBases = setmetatable({}, { __mode = 'k' })  -- tensor -> array that view was made from
torch._storageOwners = owners
torch._tensorMethods = {}   -- methods shared by every tensor type
torch._emptyArrays = {}     -- type name -> a 0-element array of that type


--[[ A new tensor of type T on storage `st` (a storage object, or nil) with no dimensions. ]]
local function rawTensor(T, st, off)
   local t = T.tensorCT()
   t._off = off or 0
   if T.isHalf then t._flags = 1 end
   if st ~= nil then
      owners[t] = st
      t._st = st
   end
   return t
end
torch._rawTensor = rawTensor

--[[ Drop the cached numpy view of `t` (call after any change of its geometry). ]]
local function invalidate(t)
   views[t] = nil
end

--[[ Point tensor `t` at storage `st` (nil allowed), keeping the reference counts right. ]]
local function setStorage(t, st)
   owners[t] = st
   t._st = st
end

--[[ The storage object of tensor `t` (nil when it has none). ]]
function torch._storageOf(t)
   return owners[t]
end
torch._setStorage = setStorage

--[[ Number of elements of `t`. ]]
local function numel(t)
   local nd = t._nd
   if nd == 0 then return 0 end
   local n = 1
   for d = 0, nd - 1 do n = n * t._sz[d] end
   return n
end
torch._numel = numel

--[[ Raise the error for an element index past the end of a storage that shrank after the
tensor was made. ]]
function torch._staleError(t, i)
   error(string.format('%s: element %d is outside its storage of size %d (the storage was ' ..
      'resized after this tensor was made)', torch.typename(t), i + 1, t._st._n), 3)
end

--[[ Raise unless every element `t` can reach lies inside its storage. ]]
local function checkBounds(t, where)
   local nd = t._nd
   if nd == 0 then return end
   local lo, hi = t._off, t._off
   for d = 0, nd - 1 do
      local span = (t._sz[d] - 1) * t._sd[d]
      if span < 0 then lo = lo + span else hi = hi + span end
   end
   local st = t._st
   local n = st ~= nil and st._n or 0
   if lo < 0 or hi >= n then
      error(string.format('%s: the tensor reaches elements [%d, %d] of a storage of size %d',
         where, lo + 1, hi + 1, n), 3)
   end
end
torch._checkBounds = checkBounds

--[[ Set the geometry of `t` to sizes `sz` and strides `sd` (Lua arrays, 1-based; `sd` may
be nil for contiguous strides). Sizes must be positive; zero sizes give no dimensions. ]]
local function setGeometry(t, nd, sz, sd)
   if nd > MAXDIM then
      error(string.format('tensors have at most %d dimensions (asked for %d)', MAXDIM, nd), 3)
   end
   local n = 0
   for d = 1, nd do
      local s = sz[d]
      if type(s) ~= 'number' or s ~= math.floor(s) or s < 0 then
         error(string.format('invalid size %s for dimension %d', tostring(s), d), 3)
      end
      if s == 0 then break end
      n = d
   end
   if n < nd then n = 0 end
   t._nd = n
   local stride = 1
   for d = n, 1, -1 do
      t._sz[d - 1] = sz[d]
      local s = sd and sd[d]
      if s == nil or s < 0 then s = stride end   -- TH: a negative stride means contiguous
      t._sd[d - 1] = s
      stride = stride * sz[d]
   end
   invalidate(t)
end
torch._setGeometry = setGeometry

--[[ Resize `t` to `nd` sizes `sz` (contiguous strides), growing its storage if needed. ]]
local function resizeNd(t, nd, sz)
   local same = (t._nd == nd)
   if same then
      for d = 1, nd do
         if t._sz[d - 1] ~= sz[d] then same = false; break end
      end
   end
   if same then return t end
   setGeometry(t, nd, sz, nil)
   local need = t._off + numel(t)
   if t._nd == 0 then return t end
   local st = t._st
   if st == nil then
      local T = torch._info(t)
      st = torch._newStorage(T, need)
      setStorage(t, st)
   elseif need > st._n then
      torch._resizeStorage(owners[t], need)
   end
   return t
end
torch._resizeNd = resizeNd

--[[ The numpy array view of tensor `t`: shares its memory, any strides and offset.
A tensor with no dimensions gives an empty 1-D array. ]]
function torch._np(t)
   local st = owners[t]
   local base = st ~= nil and torch._storageArray(st) or nil
   local v = views[t]
   if v ~= nil and rawequal(viewBases[t], base) then return v end
   local nd = t._nd
   if st == nil or nd == 0 then
      local T = torch._info(t)
      local e = torch._emptyArrays[T.name]
      if e == nil then
         e = K.storage_alloc(T.name, 0)
         torch._emptyArrays[T.name] = e
      end
      base = e
      v = e
   elseif nd == 1 then
      v = K.array_view(base, t._off, t._sz[0], t._sd[0])
   elseif nd == 2 then
      v = K.array_view(base, t._off, t._sz[0], t._sz[1], t._sd[0], t._sd[1])
   else
      local g = {}
      for d = 0, nd - 1 do g[d + 1] = t._sz[d]; g[nd + d + 1] = t._sd[d] end
      v = K.array_view(base, t._off, unpack(g, 1, 2 * nd))
   end
   views[t] = v
   viewBases[t] = base
   return v
end

--[[ A tensor of type `name` ('Double', ...) over the 1-D array `flat`, sharing its memory,
with `nd` sizes then `nd` strides (used by pytorch_bridge.from_numpy). ]]
function torch._fromArray(name, flat, offset, nd, ...)
   local T = torch._types[name]
   local st = torch._storageFromArray(T, flat)
   local t = rawTensor(T, st, offset)
   local sz, sd = {}, {}
   for d = 1, nd do
      sz[d] = select(d, ...)
      sd[d] = select(nd + d, ...)
   end
   torch._setGeometry(t, nd, sz, sd)
   torch._checkBounds(t, 'from_numpy')
   return t
end
