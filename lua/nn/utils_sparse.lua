-- Input layouts of nn.IndexLinear: checking {keys, values} input and laying its samples out
-- one after another. Returned as a table: `local sparse = torch.include('nn', 'utils_sparse.lua')`.
-- None of these functions touches a module field.
local sparse = {}

-- Errors are reported in the caller of IndexLinear:flattenInputs (updateOutput and the like);
-- `depth` counts the helpers between sparse.indexInput and the failing check.
local function fail(msg, depth) error('nn.IndexLinear: ' .. msg, 5 + (depth or 0)) end

local function checkFlat(keys, values, sizes)
   if not torch.isTensor(keys) or not torch.isTensor(values)
         or keys:nElement() ~= values:nElement() then
      fail('keys and values should be of same size', 1)
   end
   if keys:dim() ~= 1 then fail('keys and values should be 1D', 1) end
   return keys, values, torch.isTensor(sizes) and sizes or torch.LongTensor({ sizes })
end

local function checkSamples(keys, values)
   if #keys ~= #values then fail('as many key tensors as value tensors expected', 1) end
   for i = 1, #keys do
      if not torch.isTensor(keys[i]) or not torch.isTensor(values[i])
            or keys[i]:dim() ~= 1 or values[i]:dim() ~= 1
            or keys[i]:size(1) ~= values[i]:size(1) then
         fail('keys and values of sample ' .. i .. ' should be 1D and of same size', 1)
      end
   end
end

--[[ Check an nn.IndexLinear input and say which layout it has: {keys, values} for one sample,
{{keys...}, {values...}} for a batch, or {keys, values, sizes} for a flat batch (sizes a
tensor or, for one sample, a number).
ARGS: input (table)
RETURN: keys, values (tables of 1-D tensors; flat 1-D tensors for a flat batch), sizes
(LongTensor for a flat batch, else nil), isFlat, noBatch (booleans) ]]
function sparse.indexInput(input)
   if torch.type(input) ~= 'table' or (#input ~= 2 and #input ~= 3) then
      fail('input must be {keys, values} or {keys, values, sizes}')
   end
   if #input == 3 then
      local keys, values, sizes = checkFlat(input[1], input[2], input[3])
      return keys, values, sizes, true, false
   end
   local keys, values, noBatch = input[1], input[2], false
   if torch.isTensor(keys) and torch.isTensor(values) then
      keys, values, noBatch = { keys }, { values }, true
   elseif torch.type(keys) ~= 'table' or torch.type(values) ~= 'table' then
      fail('wrong input format')
   end
   checkSamples(keys, values)
   return keys, values, nil, false, noBatch
end

--[[ Lay checked samples out one after another: resize and fill the flat `keys` and `values`
and write each sample's entry count into `sizes`.
ARGS: lkeys, lvalues (tables of 1-D tensors), keys (LongTensor), values (tensor),
sizes (LongTensor) ]]
function sparse.concatSamples(lkeys, lvalues, keys, values, sizes)
   sizes:resize(#lkeys)
   local total = 0
   for i = 1, #lkeys do
      sizes[i] = lkeys[i]:size(1)
      total = total + sizes[i]
   end
   keys:resize(total)
   values:resize(total)
   local at = 1
   for i = 1, #lkeys do
      local n = lkeys[i]:size(1)
      if n > 0 then
         keys:narrow(1, at, n):copy(lkeys[i])
         values:narrow(1, at, n):copy(lvalues[i])
         at = at + n
      end
   end
end

return sparse
