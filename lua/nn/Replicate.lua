local Replicate, parent = torch.class('nn.Replicate', 'nn.Module')

--[[ Repeat the input nf times along a new dimension dim (a zero-stride view, no copy).
With ndim, inputs of more than ndim dimensions are batches and dim skips the batch.
ARGS: nf (number), dim (number, default 1), ndim (number or nil) ]]
function Replicate:__init(nf, dim, ndim)
   parent.__init(self)
   self.nfeatures = nf
   self.dim = dim or 1
   self.ndim = ndim
   assert(self.dim > 0, 'nn.Replicate: can only replicate across positive dimensions')
end

-- The new dimension for this input, and sizes/strides with `n` (stride 0) inserted there.
local function geometry(self, input, n, stride0)
   local batchOffset = self.ndim and input:dim() > self.ndim and 1 or 0
   local rdim = self.dim + batchOffset
   local sz, st = torch.LongStorage(input:dim() + 1), torch.LongStorage(input:dim() + 1)
   sz[rdim], st[rdim] = n, stride0
   for i = 1, input:dim() do
      local j = i >= rdim and i + 1 or i
      sz[j], st[j] = input:size(i), input:stride(i)
   end
   return rdim, sz, st
end

function Replicate:updateOutput(input)
   self.dim = self.dim or 1
   if self.dim > input:dim() + 1 then
      error('nn.Replicate: not enough input dimensions to replicate along dimension '
         .. self.dim, 2)
   end
   local _, sz, st = geometry(self, input, self.nfeatures, 0)
   self.output:set(input:storage(), input:storageOffset(), sz, st)
   return self.output
end

function Replicate:updateGradInput(input, gradOutput)
   self.gradInput:resizeAs(input):zero()
   local rdim, sz = geometry(self, input, 1, 0)
   self.gradInput:view(sz):sum(gradOutput, rdim)
   return self.gradInput
end
