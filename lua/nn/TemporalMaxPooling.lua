local TemporalMaxPooling, parent = torch.class('nn.TemporalMaxPooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Max over windows of kW frames of a T x F (or N x T x F) sequence, per feature.
ARGS: kW (window), dW (step, default kW) ]]
function TemporalMaxPooling:__init(kW, dW)
   parent.__init(self)
   self.kW = kW
   self.dW = dW or kW
end

function TemporalMaxPooling:updateOutput(input)
   local d = input:dim()
   if d ~= 2 and d ~= 3 then
      error('nn.TemporalMaxPooling: 2D or 3D (batch mode) tensor expected for input, got '
         .. d .. 'D', 2)
   end
   if self.kW <= 0 or self.dW <= 0 then
      error('nn.TemporalMaxPooling: kernel size and step must be greater than zero', 2)
   end
   if input:size(d - 1) < self.kW then
      error(string.format('nn.TemporalMaxPooling: input sequence smaller than kernel size, '
         .. 'got %d, expected at least %d', input:size(d - 1), self.kW), 2)
   end
   if not self.indices or torch.type(self.indices) ~= 'torch.LongTensor' then
      self.indices = self.indices and self.indices:long() or torch.LongTensor()
   end
   local size = input:size()
   size[d - 1] = math.floor((size[d - 1] - self.kW) / self.dW) + 1
   self.output:resize(size)
   self.indices:resize(size)
   K.TemporalMaxPooling_updateOutput(np(input), np(self.output), np(self.indices), self.kW,
      self.dW)
   return self.output
end

function TemporalMaxPooling:updateGradInput(input, gradOutput)
   if self.gradInput then
      if not gradOutput:isSameSizeAs(self.indices) then
         error('nn.TemporalMaxPooling: gradOutput does not match the last forward output', 2)
      end
      self.gradInput:resizeAs(input)
      K.TemporalMaxPooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
         np(self.indices), self.kW, self.dW)
      return self.gradInput
   end
end

--[[ Same as clearState (kept for old scripts). ]]
function TemporalMaxPooling:empty()
   self:clearState()
end

function TemporalMaxPooling:clearState()
   if self.indices then self.indices:set() end
   return parent.clearState(self)
end
