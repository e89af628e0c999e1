-- nn.utils.flatten: the storage gathering behind Module:getParameters and Module.flatten.
local utils = nn.utils

-- True when the elements addressed by (size, stride) form one block without holes
-- (dimensions of size 1 and stride 0 ignored), as Torch7's flatten requires.
local function isCompact(size, stride)
   local dims = {}
   for d = 1, size:size() do
      if stride[d] ~= 0 and size[d] ~= 1 then dims[#dims + 1] = { size[d], stride[d] } end
   end
   table.sort(dims, function(a, b) return a[2] > b[2] end)
   local expected = 1
   for i = #dims, 1, -1 do
      if dims[i][2] ~= expected then return false end
      expected = expected * dims[i][1]
   end
   return true
end

-- Remove the elements of `flat` no tensor uses; returns the compact tensor and a map from
-- old 1-based positions to new ones.
local function compact(flat, mask, nUsed, Tensor)
   local dense = Tensor(nUsed)
   local src, dst, m = flat:data(), dense:data(), mask:data()
   local newPos, j = {}, 0
   for i = 0, flat:nElement() - 1 do
      if m[i] ~= 0 then
         dst[j] = src[i]
         j = j + 1
      end
      newPos[i + 1] = j
   end
   return dense, newPos
end

--[[ Copy the tensors of `parameters` into one new storage and make each tensor a view of
it (tensors that shared a storage keep sharing it). Elements no tensor uses are dropped.
ARGS: parameters (list of tensors) RETURN: a 1-D tensor over the whole new storage ]]
function utils.flatten(parameters)
   if not parameters or #parameters == 0 then return torch.Tensor() end
   local Tensor = parameters[1].new
   local storages, order, meta, n = {}, {}, {}, 0
   for k, p in ipairs(parameters) do
      local st = p:storage()
      local key = torch.pointer(st)
      if not storages[key] then
         storages[key] = { st, n }
         order[#order + 1] = key
         n = n + st:size()
      end
      meta[k] = { offset = p:storageOffset() + storages[key][2], size = p:size(),
                  stride = p:stride() }
   end
   local flat = Tensor(n):zero()
   local mask = torch.ByteTensor(n):zero()
   local allCompact = true
   for k = 1, #parameters do
      local m = meta[k]
      torch.ByteTensor():set(mask:storage(), m.offset, m.size, m.stride):fill(1)
      allCompact = allCompact and isCompact(m.size, m.stride)
   end
   for _, key in ipairs(order) do
      local st, base = storages[key][1], storages[key][2]
      if st:size() > 0 then flat:narrow(1, base + 1, st:size()):copy(Tensor():set(st)) end
   end
   for k = 1, #parameters do parameters[k]:set(Tensor()) end
   local nUsed = 0
   local md = mask:data()
   for i = 0, n - 1 do nUsed = nUsed + md[i] end
   if nUsed ~= n then
      assert(allCompact, 'nn.Module.flatten: cannot gather tensors that are not compact')
      local newPos
      flat, newPos = compact(flat, mask, nUsed, Tensor)
      for k = 1, #parameters do meta[k].offset = newPos[meta[k].offset] end
   end
   for k = 1, #parameters do
      parameters[k]:set(flat:storage(), meta[k].offset, meta[k].size, meta[k].stride)
   end
   return flat
end

return utils.flatten
