local MixtureTable, parent = torch.class('nn.MixtureTable', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {gater, experts} -> sum_i gater_i * expert_i: a mixture of experts. gater is (n) or
(batch x n); experts is a table of n tensors, or one tensor with the experts along `dim`.
ARGS: dim (number, default 2 for batches, 1 otherwise) ]]
function MixtureTable:__init(dim)
   parent.__init(self)
   self.dim = dim
   self.size = torch.LongStorage()
   self.batchSize = 0
   self.size2 = torch.LongStorage()
   self.backwardSetup = false
   self.gradInput = {}
end

-- Kernel arguments for this input: 0-based dim, batch flag, table flag, expert arrays.
local function setup(self, input)
   if torch.type(input) ~= 'table' or #input ~= 2 then
      error('nn.MixtureTable: input must be a table {gater, experts}', 3)
   end
   local gater, experts = input[1], input[2]
   self.dimG = gater:dim() < 2 and 1 or 2
   if self.dimG == 1 then self.dim = self.dim or 1 end
   self.dim = self.dim or 2
   self.batchSize = self.dimG == 1 and 1 or gater:size(1)
   local arrays = {}
   if self.table or torch.type(experts) == 'table' then
      self.table = true
      if gater:size(self.dimG) ~= #experts then
         error('nn.MixtureTable: should be one gater output per expert', 3)
      end
      for i = 1, #experts do arrays[i] = np(experts[i]) end
   else
      arrays[1] = np(experts)
   end
   return arrays
end

function MixtureTable:updateOutput(input)
   local arrays = setup(self, input)
   local experts = input[2]
   if self.table then
      self.output:resizeAs(experts[1])
   else
      self.output:resizeAs(experts:select(self.dim, 1))
   end
   K.MixtureTable_updateOutput(np(input[1]), np(self.output), self.dim - 1, self.dimG == 2,
      self.table or false, unpack(arrays))
   return self.output
end

function MixtureTable:updateGradInput(input, gradOutput)
   local arrays = setup(self, input)
   local gater, experts = input[1], input[2]
   self.gradInput[1] = self.gradInput[1] or gater.new()
   self.gradInput[1]:resizeAs(gater)
   local n = #arrays
   if self.table then
      if torch.type(self.gradInput[2]) ~= 'table' then self.gradInput[2] = {} end
      local grads = self.gradInput[2]
      for i = 1, #experts do
         grads[i] = grads[i] or experts[i].new()
         grads[i]:resizeAs(experts[i])
         arrays[n + i] = np(grads[i])
      end
      for i = #experts + 1, #grads do grads[i] = nil end
   else
      if not torch.isTensor(self.gradInput[2]) then self.gradInput[2] = experts.new() end
      self.gradInput[2]:resizeAs(experts)
      arrays[2] = np(self.gradInput[2])
   end
   K.MixtureTable_updateGradInput(np(gater), np(gradOutput:contiguous()), np(self.gradInput[1]),
      self.dim - 1, self.dimG == 2, self.table or false, unpack(arrays, 1, 2 * n))
   return self.gradInput
end

function MixtureTable:type(typename, tensorCache)
   self._gaterView, self._expert, self._expertView = nil, nil, nil
   self._sum, self._expert2, self._expertView2 = nil, nil, nil
   return parent.type(self, typename, tensorCache)
end

function MixtureTable:clearState()
   nn.utils.clear(self, { '_gaterView', '_expert', '_expertView', '_sum', '_expert2',
      '_expertView2' })
   return parent.clearState(self)
end
