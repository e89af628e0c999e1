-- nn.utils: helpers shared by the modules (type conversion, clearing buffers, copying
-- nested tables of tensors, flattening parameters into one storage, deep copies).
nn.utils = nn.utils or {}
local utils = nn.utils

local function shortName(typename)
   return typename:match('^torch%.(.+)$')
end

-- A storage of type `storageType` holding the values of `storage` (itself if the type matches).
local function convertStorage(storage, storageType)
   if torch.typename(storage) == storageType then return storage end
   local new = torch[shortName(storageType)](storage:size())
   if storage:size() > 0 then new:copy(storage) end
   return new
end

--[[ The bound of the uniform draw that Torch7's reset(stdv) methods make: a given stdv times
sqrt(3) (the uniform distribution with that standard deviation), else 1/sqrt(fanIn).
ARGS: stdv (number or nil), fanIn (number) RETURN: number ]]
function utils.uniformBound(stdv, fanIn)
   if stdv then return stdv * math.sqrt(3) end
   return 1 / math.sqrt(fanIn)
end

--[[ Raise an error naming `who` unless `typename` is a tensor type this runtime provides.
CUDA types (cutorch) are not provided: a module asked for one keeps its type.
ARGS: who (string, e.g. 'nn.Linear'), typename (string) ]]
function utils.checkTensorType(who, typename)
   local name = type(typename) == 'string' and shortName(typename)
   if name and torch[name] and torch.isTensor(torch[name]()) then return end
   local hint = tostring(typename):find('Cuda', 1, true)
      and ' (CUDA tensors need cutorch, which this runtime does not provide)' or ''
   error(string.format('%s:type: no tensor type %s%s', who, tostring(typename), hint), 3)
end

--[[ Convert every tensor found in `param` (a tensor, module, criterion or nested table) to
type `typename`, keeping storage sharing: tensors on one storage stay on one storage.
ARGS: param, typename (string, e.g. 'torch.FloatTensor'), tensorCache (table or nil)
RETURN: the converted value ]]
function utils.recursiveType(param, typename, tensorCache)
   tensorCache = tensorCache or {}
   if torch.type(param) == 'table' then
      for k, v in pairs(param) do param[k] = utils.recursiveType(v, typename, tensorCache) end
   elseif torch.isTypeOf(param, 'nn.Module') or torch.isTypeOf(param, 'nn.Criterion') then
      param:type(typename, tensorCache)
   elseif torch.isTensor(param) and torch.typename(param) ~= typename then
      local cached = tensorCache[param]
      if not cached then
         cached = torch[shortName(typename)]()
         local storage = param:storage()
         if storage then
            local key = torch.pointer(storage)
            tensorCache[key] = tensorCache[key]
               or convertStorage(storage, typename:gsub('Tensor', 'Storage'))
            cached:set(tensorCache[key], param:storageOffset(), param:size(), param:stride())
         end
         tensorCache[param] = cached
      end
      param = cached
   end
   return param
end

--[[ Empty the fields named in `...` (or in the table given as first argument): tensors are
set to nothing, tables become empty, other values are removed.
RETURN: self ]]
function utils.clear(self, ...)
   local names = { ... }
   if type(names[1]) == 'table' then names = names[1] end
   for _, f in ipairs(names) do
      local v = self[f]
      if v ~= nil then
         if torch.isTensor(v) then
            v:set()
         elseif torch.type(v) == 'table' then
            self[f] = {}
         else
            self[f] = nil
         end
      end
   end
   return self
end

--[[ Replace the fields named in `...` by fresh objects of the same kind, leaving the old
objects (which other modules may reference) untouched.
RETURN: self ]]
function utils.clearFresh(self, ...)
   for _, f in ipairs({ ... }) do
      local v = self[f]
      if v ~= nil then
         if torch.isTensor(v) then
            self[f] = v.new()
         elseif torch.type(v) == 'table' then
            self[f] = {}
         else
            self[f] = nil
         end
      end
   end
   return self
end

--[[ Copy `t2` (a tensor or nested table of tensors) into `t1`, reusing `t1`'s tensors.
RETURN: t1, t2 ]]
function utils.recursiveCopy(t1, t2)
   if torch.type(t2) == 'table' then
      t1 = (torch.type(t1) == 'table') and t1 or { t1 }
      for k in pairs(t2) do t1[k], t2[k] = utils.recursiveCopy(t1[k], t2[k]) end
   elseif torch.isTensor(t2) then
      t1 = torch.isTensor(t1) and t1 or t2.new()
      t1:resize(t2:size()):copy(t2)
   else
      error('nn.utils.recursiveCopy: expecting nested tensors or tables, got '
         .. torch.type(t1) .. ' and ' .. torch.type(t2))
   end
   return t1, t2
end

--[[ Resize `t1` (a tensor or nested table) to the sizes of `t2`.
RETURN: t1, t2 ]]
function utils.recursiveResizeAs(t1, t2)
   if torch.type(t2) == 'table' then
      t1 = (torch.type(t1) == 'table') and t1 or { t1 }
      for k in pairs(t2) do t1[k], t2[k] = utils.recursiveResizeAs(t1[k], t2[k]) end
      for k in pairs(t1) do if t2[k] == nil then t1[k] = nil end end
   elseif torch.isTensor(t2) then
      t1 = torch.isTensor(t1) and t1 or t2.new()
      t1:resize(t2:size())
   else
      error('nn.utils.recursiveResizeAs: expecting nested tensors or tables, got '
         .. torch.type(t1) .. ' and ' .. torch.type(t2))
   end
   return t1, t2
end

-- Deep copy used by clone(): tables keep their metatables, tensors get new storages, and
-- objects (storages, tensors, tables) reached twice are copied once, so sharing survives.
local function deepCopy(x, memo)
   if memo[x] ~= nil then return memo[x] end
   local r
   if torch.isStorage(x) then
      local key = 'storage:' .. torch.pointer(x)
      if memo[key] then return memo[key] end
      r = torch[shortName(torch.typename(x))](x:size())
      if x:size() > 0 then r:copy(x) end
      memo[key] = r
   elseif torch.isTensor(x) then
      r = torch[shortName(torch.typename(x))]()
      local st = x:storage()
      if st then r:set(deepCopy(st, memo), x:storageOffset(), x:size(), x:stride()) end
   elseif type(x) == 'table' then
      r = {}
      memo[x] = r
      for k, v in pairs(x) do r[deepCopy(k, memo)] = deepCopy(v, memo) end
      setmetatable(r, getmetatable(x))
   else
      return x
   end
   memo[x] = r
   return r
end

--[[ A deep copy of `x` (module, criterion, tensor or table) that keeps storage sharing.
RETURN: the copy ]]
function utils.deepCopy(x)
   return deepCopy(x, {})
end

--[[ The window placements of a fractional max-pooling module for an input whose sample
buffer has size `size` (batch x planes x dims): drawn uniformly in the input's type on the
first call, redrawn when the batch or plane count changes, and otherwise at every call
unless fixPoolingRegions() froze them (`newRandomPool`, as Torch7 names it).
ARGS: self (the module), input (tensor), size (LongStorage) ]]
function utils.fractionalSamples(self, input, size)
   if self.randomSamples == nil then
      self.randomSamples = input.new():resize(size):uniform()
   elseif self.randomSamples:size(1) ~= size[1] or self.randomSamples:size(2) ~= size[2] then
      self.randomSamples:resize(size):uniform()
   elseif not self.newRandomPool then
      self.randomSamples:uniform()
   end
end

return utils
