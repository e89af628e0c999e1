local CReLU, parent = torch.class('nn.CReLU', 'nn.Sequential')

--[[ Concatenated ReLU: the rectified input followed by the rectified negated input, along
the first non-batch dimension (which doubles in size). An input with nInputDims + 1
dimensions is a batch. ARGS: nInputDims (number of dimensions of a sample),
inplace (boolean, default false: passed to the inner ReLU) ]]
function CReLU:__init(nInputDims, inplace)
   parent.__init(self)
   self.nInputDims = nInputDims
   self.inplace = inplace or false
   self:add(nn.ConcatTable():add(nn.Identity()):add(nn.MulConstant(-1)))
   self:add(nn.JoinTable(2))
   self:add(nn.ReLU(self.inplace))
end

local function checkInput(self, input)
   if not torch.isTensor(input) then
      error('nn.CReLU: input must be a tensor, got ' .. torch.type(input), 3)
   end
   local d = input:dim()
   if d ~= self.nInputDims and d ~= self.nInputDims + 1 then
      error(string.format('nn.CReLU: input must have %d or %d dimensions, got %d',
         self.nInputDims, self.nInputDims + 1, d), 3)
   end
   return d == self.nInputDims + 1
end

-- The input as a matrix: one row per sample (a single row without a batch).
local function rows(t, batched)
   t = t:contiguous()
   return batched and t:view(t:size(1), -1) or t:view(1, -1)
end

function CReLU:updateOutput(input)
   local batched = checkInput(self, input)
   parent.updateOutput(self, rows(input, batched))
   local osize = input:size()
   local d = batched and 2 or 1
   osize[d] = osize[d] * 2
   self.output:resize(osize)
   return self.output
end

function CReLU:updateGradInput(input, gradOutput)
   local batched = checkInput(self, input)
   parent.updateGradInput(self, rows(input, batched), rows(gradOutput, batched))
   self.gradInput:resizeAs(input)
   return self.gradInput
end

--[[ CReLU has no parameters: backward is updateGradInput. RETURN: self.gradInput ]]
function CReLU:backward(input, gradOutput)
   return self:updateGradInput(input, gradOutput)
end

function CReLU:__tostring__()
   return 'CReLU()'
end
