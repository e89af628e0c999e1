local TemporalDynamicKMaxPooling, parent =
   torch.class('nn.TemporalDynamicKMaxPooling', 'nn.Module')

--[[ Keep the k largest frames of each feature along the sequence, in their original order;
k = max(minK, ceil(factor * sequence length)), as in dynamic k-max pooling of sentence
models (minK the final length, factor the share of layers still to come).
ARGS: minK (number), factor (number, default 0) ]]
function TemporalDynamicKMaxPooling:__init(minK, factor)
   parent.__init(self)
   self.minK = minK
   self.factor = factor or 0
end

function TemporalDynamicKMaxPooling:updateOutput(input)
   local name, nd = torch.type(self), input:dim()
   if nd ~= 2 and nd ~= 3 then
      error(name .. ': input must be 2D (sequence x features) or 3D (batch mode), got '
         .. nd .. 'D', 2)
   end
   local seqDim = nd - 1
   local len = input:size(seqDim)
   local k = math.max(self.minK, math.ceil(self.factor * len))
   if len < k then
      error(string.format('%s: input sequence length (%d) too small for k = %d', name, len,
         k), 2)
   end
   local _, top = input:topk(k, seqDim, true)
   -- the chosen positions, back in sequence order
   self.indices = top:sort(seqDim)
   self.output:gather(input, seqDim, self.indices)
   return self.output
end

function TemporalDynamicKMaxPooling:updateGradInput(input, gradOutput)
   if self.gradInput then
      if not gradOutput:isSameSizeAs(self.indices) then
         error(torch.type(self) .. ': gradOutput does not match the last forward output', 2)
      end
      -- each position is chosen at most once, so scattering needs no accumulation
      self.gradInput:resizeAs(input):zero():scatter(input:dim() - 1, self.indices, gradOutput)
      return self.gradInput
   end
end

function TemporalDynamicKMaxPooling:clearState()
   nn.utils.clear(self, 'indices')
   return parent.clearState(self)
end

function TemporalDynamicKMaxPooling:__tostring__()
   return string.format('%s(%d, %s)', torch.type(self), self.minK, tostring(self.factor))
end
