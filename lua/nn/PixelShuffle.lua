local PixelShuffle, parent = torch.class('nn.PixelShuffle', 'nn.Module')

--[[ Sub-pixel rearrangement: a [batch x] (c * r * r) x h x w input becomes a
[batch x] c x (h * r) x (w * r) output, channel c * r * r + i * r + j (0-based) filling
the pixels at row offset i and column offset j of each r x r output block.
ARGS: upscaleFactor (r) ]]
function PixelShuffle:__init(upscaleFactor)
   parent.__init(self)
   if type(upscaleFactor) ~= 'number' or upscaleFactor < 1 then
      error('nn.PixelShuffle: upscaleFactor must be a positive number', 2)
   end
   self.upscaleFactor = upscaleFactor
   self.upscaleFactorSquared = upscaleFactor * upscaleFactor
end

-- Batch size, channels per output plane, input height and width of a 3-D or 4-D input.
local function geometry(self, input)
   local d = torch.isTensor(input) and input:dim() or 0
   if d ~= 3 and d ~= 4 then error('nn.PixelShuffle: input must be a 3-D or 4-D tensor', 3) end
   local first = d - 2
   local planes = input:size(first)
   if planes % self.upscaleFactorSquared ~= 0 then
      error(string.format('nn.PixelShuffle: %d input planes is not a multiple of %d', planes,
         self.upscaleFactorSquared), 3)
   end
   return d == 4 and input:size(1) or 1, planes / self.upscaleFactorSquared,
      input:size(first + 1), input:size(first + 2)
end

function PixelShuffle:updateOutput(input)
   local n, c, h, w = geometry(self, input)
   local r = self.upscaleFactor
   self._shuffleOut = self._shuffleOut or input.new()
   self._shuffleOut:resize(n, c, h, r, w, r)
   self._shuffleOut:copy(input:view(n, c, r, r, h, w):permute(1, 2, 5, 3, 6, 4))
   if input:dim() == 4 then
      self.output = self._shuffleOut:view(n, c, h * r, w * r)
   else
      self.output = self._shuffleOut:view(c, h * r, w * r)
   end
   return self.output
end

function PixelShuffle:updateGradInput(input, gradOutput)
   local n, c, h, w = geometry(self, input)
   local r = self.upscaleFactor
   if gradOutput:nElement() ~= input:nElement() then
      error('nn.PixelShuffle: gradOutput does not match the output size', 2)
   end
   self._shuffleIn = self._shuffleIn or input.new()
   self._shuffleIn:resize(n, c, r, r, h, w)
   self._shuffleIn:copy(gradOutput:contiguous():view(n, c, h, r, w, r):permute(1, 2, 4, 6, 3, 5))
   self.gradInput = self._shuffleIn:view(input:size())
   return self.gradInput
end

function PixelShuffle:clearState()
   nn.utils.clear(self, '_intermediateShape', '_outShape', '_shuffleIn', '_shuffleOut')
   return parent.clearState(self)
end

function PixelShuffle:__tostring__()
   return torch.type(self) .. '(' .. self.upscaleFactor .. ')'
end
