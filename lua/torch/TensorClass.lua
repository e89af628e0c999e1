-- The tensor classes torch.DoubleTensor ... torch.ByteTensor: metatypes, constructors
-- and the basic geometry methods.
local torch = ...
local ffi = require 'ffi'
local common = torch._tensorMethods
local rawTensor, resizeNd = torch._rawTensor, torch._resizeNd

local function typeError(T, fmt, ...)
   error(T.tensorName .. ': ' .. string.format(fmt, ...), 3)
end

--[[ Sizes from `(n1, n2, ...)` or `(LongStorage)`, starting at argument `first` of `...`.
RETURN: nd, sizes (Lua array) ]]
function torch._parseSizes(where, first, ...)
   local a = select(first, ...)
   if torch.isStorage(a) then
      local sz = a:totable()
      return #sz, sz
   end
   local sz = {}
   local n = select('#', ...)
   for i = first, n do
      local v = select(i, ...)
      if v == nil then break end
      if type(v) ~= 'number' then
         error(string.format('%s: sizes must be numbers or a LongStorage (argument %d is a %s)',
            where, i, type(v)), 3)
      end
      -- Torch7 read sizes as C longs: fractions are truncated toward zero.
      sz[#sz + 1] = v >= 0 and math.floor(v) or math.ceil(v)
   end
   return #sz, sz
end
local parseSizes = torch._parseSizes

-- Fill a new tensor from a nested Lua table, checking that it is rectangular.
local function fromTable(T, tbl)
   local sz = {}
   local x = tbl
   while type(x) == 'table' do
      sz[#sz + 1] = #x
      x = x[1]
   end
   local t = rawTensor(T, nil)
   resizeNd(t, #sz, sz)
   if t._nd == 0 then return t end
   local data = t._st._data
   local pos = 0
   local function fill(v, d)
      if d > #sz then
         if type(v) ~= 'number' then
            typeError(T, 'the table holds a %s where a number is expected', type(v))
         end
         data[pos] = T.isHalf and torch._numberToHalf(v) or v
         pos = pos + 1
         return
      end
      if type(v) ~= 'table' or #v ~= sz[d] then
         typeError(T, 'the table is not rectangular: dimension %d should have size %d', d, sz[d])
      end
      for i = 1, sz[d] do fill(v[i], d + 1) end
   end
   fill(tbl, 1)
   return t
end

local function construct(T, ...)
   local a = ...
   local n = select('#', ...)
   if n == 0 or a == nil then return rawTensor(T, nil) end
   if type(a) == 'number' or (torch.isStorage(a) and torch._info(a).name == 'Long' and n == 1) then
      local t = rawTensor(T, nil)
      return resizeNd(t, parseSizes(T.tensorName, 1, ...))
   end
   if type(a) == 'table' then return fromTable(T, a) end
   if torch.isTensor(a) then
      if not rawequal(torch._info(a), T) then
         typeError(T, 'cannot share the memory of a %s', torch.typename(a))
      end
      local t = rawTensor(T, a._st, a._off)
      t:set(a)
      return t
   end
   if torch.isStorage(a) then
      if not rawequal(torch._info(a), T) then
         typeError(T, 'expected a %s, got a %s', T.storageName, torch.typename(a))
      end
      local t = rawTensor(T, nil)
      return t:set(...)
   end
   typeError(T, 'expected sizes, a LongStorage, a table, a tensor or a storage; got a %s', type(a))
end

local function index(t, k) return torch._tensorIndex(t, k) end

local function defineTensor(T)
   local base = T.isHalf and torch._halfMethods or common
   local methods = setmetatable({ __typename = T.tensorName, _T = T }, { __index = base })
   T.tensorMethods = methods
   local ct
   local mt = {
      __index = function(t, k)
         if type(k) == 'number' then return index(t, k) end
         local m = methods[k]
         if m ~= nil then return m end
         return index(t, k)
      end,
      __newindex = function(t, k, v) return torch._tensorNewIndex(t, k, v) end,
      __len = function(t) return t:size() end,
      __tostring = function(t) return methods.__tostring__(t) end,
      __eq = function(a, b) return torch._sameObject(a, b) end,
      __add = function(a, b) return torch._operator('__add', a, b) end,
      __sub = function(a, b) return torch._operator('__sub', a, b) end,
      __mul = function(a, b) return torch._operator('__mul', a, b) end,
      __div = function(a, b) return torch._operator('__div', a, b) end,
      __mod = function(a, b) return torch._operator('__mod', a, b) end,
      __pow = function(a, b) return torch._operator('__pow', a, b) end,
      __unm = function(a) return torch._operator('__unm', a) end,
      __concat = function(a, b) return torch._operator('__concat', a, b) end,
      __call = function(t, ...) return torch._operator('__call', t, ...) end,
   }
   ffi.metatype(T.tensorCT, mt)
   ct = setmetatable({}, {
      __index = methods, __newindex = methods,
      __call = function(_, ...) return construct(T, ...) end,
      __tostring = function() return T.tensorName end,
   })
   methods.__constructor = ct
   --[[ `t.new(...)`: a new tensor of t's type, with the constructor's arguments. ]]
   methods.new = function(...) return construct(T, ...) end
   torch[T.name .. 'Tensor'] = ct
   torch._registerMetatable(T.tensorName, methods, function() return rawTensor(T, nil) end)
end

for _, T in ipairs(torch._allTypes) do defineTensor(T) end

--[[ Apply operator `event` ('__add', ...) through whichever operand is a tensor: its class's
`__add` method when one was set on the class (as Torch7 allowed), else its `__add__`. ]]
function torch._operator(event, a, ...)
   local t = torch.isTensor(a) and a or (...)
   local f = t[event]
   if f == nil then f = t[event .. '__'] end
   if f == nil then
      error(string.format('%s: operator %s is not available', torch.typename(t), event), 3)
   end
   return f(a, ...)
end

-- Index handlers; TensorIndex.lua replaces them.
function torch._tensorIndex() return nil end
function torch._tensorNewIndex(t, k)
   error(string.format('%s: cannot assign to field %s', torch.typename(t), tostring(k)), 2)
end
