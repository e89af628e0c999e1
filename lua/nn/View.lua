local View, parent = torch.class('nn.View', 'nn.Module')

--[[ A view of the input with the given sizes (one of them may be -1, inferred); extra
leading input dimensions are kept as a batch dimension.
ARGS: sizes (numbers) or one torch.LongStorage ]]
function View:__init(...)
   parent.__init(self)
   self:resetSize(...)
   self.numInputDims = nil
end

--[[ Set new sizes (as the constructor). RETURN: self ]]
function View:resetSize(...)
   if select('#', ...) == 1 and torch.typename(select(1, ...)) == 'torch.LongStorage' then
      self.size = select(1, ...)
   else
      self.size = torch.LongStorage({ ... })
   end
   self.numElements = 1
   local inferred = false
   for i = 1, self.size:size() do
      local s = self.size[i]
      if s >= 0 then
         self.numElements = self.numElements * s
      else
         assert(s == -1, 'nn.View: sizes must be positive or -1')
         assert(not inferred, 'nn.View: only one dimension can be -1')
         inferred = true
      end
   end
   return self
end

--[[ Declare how many dimensions one sample has (the rest is batch). RETURN: self ]]
function View:setNumInputDims(numInputDims)
   self.numInputDims = numInputDims
   return self
end

local function sizeString(s)
   local parts = {}
   for i = 1, s:size() do parts[i] = tostring(s[i]) end
   return table.concat(parts, 'x')
end

-- The batch size to put in front of the view, or nil when there is no batch dimension.
local function batchSize(input, size, numInputDims, numElements)
   local nd = input:dim()
   local maxdim = numInputDims or nd
   local perSample = 1
   for i = nd, nd - maxdim + 1, -1 do perSample = perSample * input:size(i) end
   if perSample % numElements ~= 0 then
      error(string.format('nn.View: input view (%s) and desired view (%s) do not match',
         sizeString(input:size()), sizeString(size)), 3)
   end
   local bsz = perSample / numElements
   for i = 1, size:size() do
      if size[i] == -1 then
         bsz = 1
         break
      end
   end
   for i = nd - maxdim, 1, -1 do bsz = bsz * input:size(i) end
   if bsz == 1 and (not numInputDims or nd <= numInputDims) then return nil end
   return bsz
end

function View:updateOutput(input)
   self.output = self.output or input.new()
   local bsz = batchSize(input, self.size, self.numInputDims, self.numElements)
   if bsz then
      local dims = { bsz }
      for i = 1, self.size:size() do dims[i + 1] = self.size[i] end
      self.output:view(input, torch.LongStorage(dims))
   else
      self.output:view(input, self.size)
   end
   return self.output
end

function View:updateGradInput(input, gradOutput)
   self.gradInput = self.gradInput or gradOutput.new()
   self.gradInput:view(gradOutput, input:size())
   return self.gradInput
end

function View:__tostring__()
   local parts = {}
   for i = 1, self.size:size() do parts[i] = tostring(self.size[i]) end
   return torch.type(self) .. '(' .. table.concat(parts, ', ') .. ')'
end
