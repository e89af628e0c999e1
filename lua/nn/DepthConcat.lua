local DepthConcat, _ = torch.class('nn.DepthConcat', 'nn.Concat')

--[[ nn.Concat whose children's outputs may differ in the other dimensions: the output takes
the largest size in each, zero-filled, with each child's output centred in its window.
ARGS: dimension (number) ]]

--[[ The window of `output` where `currentOutput` goes, starting at `offset` along the
concatenation dimension and centred in the others. RETURN: a view of `output` ]]
function DepthConcat:windowNarrow(output, currentOutput, offset)
   local window = output:narrow(self.dimension, offset, currentOutput:size(self.dimension))
   for dim = 1, self.outputSize:size(1) do
      local currentSize = currentOutput:size(dim)
      if dim ~= self.dimension and self.outputSize[dim] ~= currentSize then
         local start = math.floor((self.outputSize[dim] - currentSize) / 2 + 1)
         window = window:narrow(dim, start, currentSize)
      end
   end
   return window
end

function DepthConcat:updateOutput(input)
   self.outputSize = self.outputSize or torch.LongStorage()
   local dim, outs = self.dimension, {}
   for i = 1, #self.modules do
      local out = self:rethrowErrors(self.modules[i], i, 'updateOutput', input)
      outs[i] = out
      if i == 1 then
         self.outputSize:resize(out:dim()):copy(out:size())
      else
         if out:dim() ~= self.outputSize:size(1) then
            error('nn.DepthConcat: the output of module ' .. i .. ' has ' .. out:dim()
               .. ' dimensions, module 1 gave ' .. self.outputSize:size(1))
         end
         self.outputSize[dim] = self.outputSize[dim] + out:size(dim)
         for d = 1, self.outputSize:size(1) do
            if d ~= dim then self.outputSize[d] = math.max(self.outputSize[d], out:size(d)) end
         end
      end
   end
   self.output:resize(self.outputSize):zero()
   local offset = 1
   for i = 1, #outs do
      self:windowNarrow(self.output, outs[i], offset):copy(outs[i])
      offset = offset + outs[i]:size(dim)
   end
   return self.output
end

-- Run `method` on every child with its window of gradOutput; sum the input gradients when
-- `method` returns them.
local function backward(self, method, input, gradOutput, scale)
   local sums = method ~= 'accGradParameters' and method ~= 'accUpdateGradParameters'
   if sums then self.gradInput:resizeAs(input) end
   local offset = 1
   for i, module in ipairs(self.modules) do
      local currentOutput = module.output
      local window = self:windowNarrow(gradOutput, currentOutput, offset)
      local gi = self:rethrowErrors(module, i, method, input, window, scale)
      if sums then
         if i == 1 then self.gradInput:copy(gi) else self.gradInput:add(gi) end
      end
      offset = offset + currentOutput:size(self.dimension)
   end
   return sums and self.gradInput or nil
end

function DepthConcat:updateGradInput(input, gradOutput)
   return backward(self, 'updateGradInput', input, gradOutput)
end

function DepthConcat:accGradParameters(input, gradOutput, scale)
   backward(self, 'accGradParameters', input, gradOutput, scale or 1)
end

function DepthConcat:backward(input, gradOutput, scale)
   return backward(self, 'backward', input, gradOutput, scale or 1)
end

function DepthConcat:accUpdateGradParameters(input, gradOutput, lr)
   backward(self, 'accUpdateGradParameters', input, gradOutput, lr)
end
