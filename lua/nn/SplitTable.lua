local SplitTable, parent = torch.class('nn.SplitTable', 'nn.Module')

--[[ Split a tensor into the table of its slices along `dimension` (views, no copy);
negative dimensions count from the end, and with nInputDims an input of nInputDims+1
dimensions is a batch. ARGS: dimension (number), nInputDims (number or nil) ]]
function SplitTable:__init(dimension, nInputDims)
   parent.__init(self)
   self.dimension = dimension
   self.nInputDims = nInputDims
end

--[[ The positive dimension for this input. RETURN: number ]]
function SplitTable:_getPositiveDimension(input)
   local dimension = self.dimension
   if dimension < 0 then
      dimension = input:dim() + dimension + 1
   elseif self.nInputDims and input:dim() == self.nInputDims + 1 then
      dimension = dimension + 1
   end
   if dimension < 1 or dimension > input:dim() then
      error(string.format('nn.SplitTable: dimension %d out of range for a %dD input',
         self.dimension, input:dim()), 3)
   end
   return dimension
end

function SplitTable:updateOutput(input)
   local dimension = self:_getPositiveDimension(input)
   local output = {}
   for i = 1, input:size(dimension) do output[i] = input:select(dimension, i) end
   self.output = output
   return self.output
end

function SplitTable:updateGradInput(input, gradOutput)
   local dimension = self:_getPositiveDimension(input)
   if self.gradInput then
      self.gradInput:resizeAs(input)
      for i = 1, input:size(dimension) do
         self.gradInput:select(dimension, i):copy(gradOutput[i])
      end
   end
   return self.gradInput
end
