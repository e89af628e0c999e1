-- More of nn.utils, as upstream names them: recursiveFill, recursiveAdd,
-- addSingletonDimension, contiguousView.
local utils = nn.utils

--[[ Fill every tensor of a tensor or a (nested) table of tensors with `val`.
RETURN: t ]]
function utils.recursiveFill(t, val)
   if torch.type(t) == 'table' then
      for key in pairs(t) do t[key] = utils.recursiveFill(t[key], val) end
   elseif torch.isTensor(t) then
      t:fill(val)
   else
      error('nn.utils.recursiveFill: expected a tensor or a table of tensors, got ' ..
         torch.type(t), 2)
   end
   return t
end

--[[ t1 = t1 + val * t2 for tensors or (nested) tables of tensors; `val` defaults to 1.
ARGS: t1, [val], t2   RETURN: t1, t2 ]]
function utils.recursiveAdd(t1, val, t2)
   if t2 == nil then
      assert(val ~= nil, 'nn.utils.recursiveAdd: expected at least two arguments')
      t2, val = val, 1
   end
   if torch.type(t2) == 'table' then
      t1 = torch.type(t1) == 'table' and t1 or { t1 }
      for key in pairs(t2) do t1[key], t2[key] = utils.recursiveAdd(t1[key], val, t2[key]) end
   elseif torch.isTensor(t1) and torch.isTensor(t2) then
      t1:add(val, t2)
   else
      error('nn.utils.recursiveAdd: expected tensors or tables of tensors, got ' ..
         torch.type(t1) .. ' and ' .. torch.type(t2), 2)
   end
   return t1, t2
end

--[[ A view of `t` with a new dimension of size 1 at `dim` (default 1).
ARGS: [view (tensor to set)], t, [dim]   RETURN: the view ]]
function utils.addSingletonDimension(...)
   local view, t, dim
   if select('#', ...) < 3 then
      t, dim = ...
   else
      view, t, dim = ...
      assert(torch.isTensor(view), 'nn.utils.addSingletonDimension: output tensor expected, got '
         .. torch.type(view))
   end
   assert(torch.isTensor(t), 'nn.utils.addSingletonDimension: input tensor expected')
   dim = dim or 1
   assert(dim > 0 and dim <= t:dim() + 1, string.format(
      'nn.utils.addSingletonDimension: invalid dimension %d for a %dD tensor', dim, t:dim()))
   view = view or t.new()
   local size, stride = torch.LongStorage(t:dim() + 1), torch.LongStorage(t:dim() + 1)
   for d = 1, dim - 1 do size[d], stride[d] = t:size(d), t:stride(d) end
   size[dim], stride[dim] = 1, 1
   for d = dim + 1, t:dim() + 1 do size[d], stride[d] = t:size(d - 1), t:stride(d - 1) end
   view:set(t:storage(), t:storageOffset(), size, stride)
   return view
end

--[[ `output` viewing `input` with the given sizes, copying first when `input` is not
contiguous. RETURN: output ]]
function utils.contiguousView(output, input, ...)
   output = output or input.new()
   if input:isContiguous() then
      output:view(input, ...)
   else
      output:resize(input:size()):copy(input)
      output:view(output, ...)
   end
   return output
end
