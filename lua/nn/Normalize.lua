local Normalize, parent = torch.class('nn.Normalize', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Divide each vector (each row of a matrix) by its p-norm, (sum |x|^p + eps)^(1/p)
(max |x| + eps for p = math.huge). ARGS: p (number > 0), eps (number, default 1e-10) ]]
function Normalize:__init(p, eps)
   parent.__init(self)
   assert(p, 'nn.Normalize: p-norm not provided')
   assert(p > 0, 'nn.Normalize: ' .. p .. '-norm not supported')
   self.p = p
   self.eps = eps or 1e-10
end

-- The input as rows, after checking it.
local function rows(input)
   if input:dim() ~= 1 and input:dim() ~= 2 then
      error('nn.Normalize: input must be a vector or a matrix', 3)
   end
   if input:dim() == 1 then return input:view(1, -1) end
   return input
end

function Normalize:updateOutput(input)
   local x = rows(input)
   self.norm = self.norm or x.new()
   self.normp = self.normp or x.new()
   self.norm:resize(x:size(1), 1)
   self.normp:resize(x:size(1), 1)
   self.output:resizeAs(input)
   K.Normalize_updateOutput(np(x), np(self.output:view(x:size())), np(self.norm),
      np(self.normp), self.p, self.eps)
   return self.output
end

function Normalize:updateGradInput(input, gradOutput)
   local x = rows(input)
   if gradOutput:nElement() ~= input:nElement() then
      error('nn.Normalize: gradOutput does not match the input size', 2)
   end
   self.gradInput:resizeAs(input)
   K.Normalize_updateGradInput(np(x), np(gradOutput:contiguous():view(x:size())),
      np(self.gradInput:view(x:size())), np(self.norm), np(self.normp), self.p, self.eps)
   return self.gradInput
end

function Normalize:__tostring__()
   local s = self.p % 1 == 0 and '%s(%d)' or '%s(%f)'
   if self.p == math.huge then s = '%s(%f)' end
   return string.format(s, torch.type(self), self.p)
end

function Normalize:type(typename, tensorCache)
   self._indices = nil
   parent.type(self, typename, tensorCache)
   return self
end

function Normalize:clearState()
   nn.utils.clear(self, { '_output', '_indices', '_gradInput', 'buffer', 'norm', 'normp',
      'cross' })
   return parent.clearState(self)
end
