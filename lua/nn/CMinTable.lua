local CMinTable, parent = torch.class('nn.CMinTable', 'nn.Module')

--[[ Elementwise minimum of a table of tensors; the gradient goes to the input that gave
each element (the first one on ties). ]]
function CMinTable:__init()
   parent.__init(self)
   self.gradInput = {}
   self.minIdx = torch.Tensor()
   self.mask = torch.Tensor()
   self.minVals = torch.Tensor()
   self.gradMaxVals = torch.Tensor()
end

-- The tensor that records which input won.
function CMinTable:_index()
   return self.minIdx
end

-- Forward and backward are nn.CMaxTable's with the comparison reversed.
CMinTable._isMax = false
CMinTable.updateOutput = nn.CMaxTable.updateOutput
CMinTable.updateGradInput = nn.CMaxTable.updateGradInput
