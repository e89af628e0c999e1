local MM, parent = torch.class('nn.MM', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ {A, B} -> A * B for two matrices, or a batch of products for two 3-D tensors, with A
and/or B transposed first. ARGS: transA, transB (booleans, default false) ]]
function MM:__init(transA, transB)
   parent.__init(self)
   self.transA = transA or false
   self.transB = transB or false
   self.gradInput = { torch.Tensor(), torch.Tensor() }
end

-- Check the pair and return the output size.
local function outSize(self, a, b)
   local d = a:nDimension()
   if (d ~= 2 and d ~= 3) or b:nDimension() ~= d then
      error('nn.MM: inputs must be two matrices or two 3-D tensors', 3)
   end
   local h, w = d - 1, d
   local m, k = a:size(self.transA and w or h), a:size(self.transA and h or w)
   local k2, n = b:size(self.transB and w or h), b:size(self.transB and h or w)
   if k ~= k2 or (d == 3 and a:size(1) ~= b:size(1)) then
      error('nn.MM: matrix sizes do not match', 3)
   end
   if d == 2 then return m, n end
   return a:size(1), m, n
end

function MM:updateOutput(input)
   if torch.type(input) ~= 'table' or #input ~= 2 then
      error('nn.MM: input must be a pair of tensors', 2)
   end
   local a, b = input[1], input[2]
   self.output:resize(outSize(self, a, b))
   K.MM_updateOutput(np(a), np(b), np(self.output), self.transA, self.transB)
   return self.output
end

function MM:updateGradInput(input, gradOutput)
   local a, b = input[1], input[2]
   self.gradInput[1] = self.gradInput[1] or a.new()
   self.gradInput[2] = self.gradInput[2] or b.new()
   if gradOutput:nDimension() ~= a:nDimension() then
      error('nn.MM: gradOutput must have the dimension count of the inputs', 2)
   end
   self.gradInput[1]:resizeAs(a)
   self.gradInput[2]:resizeAs(b)
   K.MM_updateGradInput(np(a), np(b), np(gradOutput), np(self.gradInput[1]),
      np(self.gradInput[2]), self.transA, self.transB)
   return self.gradInput
end
