local MV, parent = torch.class('nn.MV', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {M, v} -> M * v for a matrix and a vector, or a batch of them (3-D M, 2-D v), with M
transposed first when trans. ARGS: trans (boolean, default false) ]]
function MV:__init(trans)
   parent.__init(self)
   self.trans = trans or false
   assert(type(self.trans) == 'boolean', 'nn.MV: trans must be a boolean')
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

function MV:updateOutput(input)
   if torch.type(input) ~= 'table' or #input ~= 2 then
      error('nn.MV: input must be a pair {matrix, vector}', 2)
   end
   local m, v = input[1], input[2]
   local d = m:nDimension()
   if (d ~= 2 and d ~= 3) or v:nDimension() ~= d - 1 then
      error('nn.MV: expected a matrix and a vector, or a 3-D and a 2-D batch', 2)
   end
   local rows, cols = m:size(self.trans and d or d - 1), m:size(self.trans and d - 1 or d)
   if cols ~= v:size(d - 1) or (d == 3 and m:size(1) ~= v:size(1)) then
      error('nn.MV: matrix and vector sizes do not match', 2)
   end
   if d == 2 then self.output:resize(rows) else self.output:resize(m:size(1), rows) end
   K.MV_updateOutput(np(m), np(v), np(self.output), self.trans)
   return self.output
end

function MV:updateGradInput(input, gradOutput)
   local m, v = input[1], input[2]
   if gradOutput:nDimension() ~= v:nDimension() then
      error('nn.MV: gradOutput must have the dimension count of the vector input', 2)
   end
   self.gradInput[1] = self.gradInput[1] or m.new()
   self.gradInput[2] = self.gradInput[2] or v.new()
   self.gradInput[1]:resizeAs(m)
   self.gradInput[2]:resizeAs(v)
   K.MV_updateGradInput(np(m), np(v), np(gradOutput), np(self.gradInput[1]),
      np(self.gradInput[2]), self.trans)
   return self.gradInput
end
