local PReLU, parent = torch.class('nn.PReLU', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ x for x > 0, w * x otherwise, with a learned slope w per input plane (dimension 2 of
a batch, dimension 1 of a single sample), or one slope shared by all elements.
ARGS: nOutputPlane (number of planes; nil or 0: one shared slope). Slopes start at 0.25. ]]
function PReLU:__init(nOutputPlane)
   parent.__init(self)
   self.nOutputPlane = nOutputPlane or 0
   self.weight = torch.Tensor(nOutputPlane or 1):fill(0.25)
   self.gradWeight = torch.Tensor(nOutputPlane or 1):zero()
end

-- Raise a clear error when the input's plane dimension does not match nOutputPlane.
local function check(self, input)
   local n = self.nOutputPlane
   if input:dim() == 0 then error('nn.PReLU: empty input', 3) end
   if n > 0 then
      local d = input:dim() > 1 and 2 or 1
      if input:size(d) ~= n then
         error(string.format('nn.PReLU: wrong number of input planes, expected %d but got %d',
            n, input:size(d)), 3)
      end
   end
end

function PReLU:updateOutput(input)
   check(self, input)
   self.output:resizeAs(input)
   K.PReLU_updateOutput(np(input), np(self.output), np(self.weight), self.nOutputPlane)
   return self.output
end

function PReLU:updateGradInput(input, gradOutput)
   check(self, input)
   self.gradInput:resizeAs(input)
   K.PReLU_updateGradInput(np(input), np(gradOutput), np(self.gradInput), np(self.weight),
      self.nOutputPlane)
   return self.gradInput
end

function PReLU:accGradParameters(input, gradOutput, scale)
   check(self, input)
   self.gradWeightBuf = self.gradWeightBuf or input.new()
   self.gradWeightBuf2 = self.gradWeightBuf2 or input.new()
   K.PReLU_accGradParameters(np(input), np(gradOutput), np(self.gradInput), np(self.weight),
      np(self.gradWeight), np(self.gradWeightBuf), np(self.gradWeightBuf2), self.nOutputPlane,
      scale or 1)
   return self.gradWeight
end

function PReLU:clearState()
   nn.utils.clear(self, 'gradWeightBuf', 'gradWeightBuf2')
   return parent.clearState(self)
end
