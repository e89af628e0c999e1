local GatedLinearUnit, parent = torch.class('nn.GatedLinearUnit', 'nn.Module')

--[[ Gated linear unit: the input is split in two halves a, b along dimension `dim` and the
output is a * sigmoid(b), half the input's size along `dim`.
ARGS: dim (default: the input's last dimension) ]]
function GatedLinearUnit:__init(dim)
   parent.__init(self)
   self.dim = dim
end

-- The halving dimension and the size of each half, checked.
local function halves(self, input)
   if not torch.isTensor(input) or input:dim() == 0 then
      error('nn.GatedLinearUnit: input must be a non-empty tensor', 3)
   end
   local dim = self.dim or input:dim()
   if dim < 1 or dim > input:dim() then
      error(string.format('nn.GatedLinearUnit: dim %d out of range for a %d-D input', dim,
         input:dim()), 3)
   end
   local n = input:size(dim)
   if n % 2 ~= 0 then
      error(string.format('nn.GatedLinearUnit: halving dimension %d has odd size %d', dim, n), 3)
   end
   return dim, n / 2
end

function GatedLinearUnit:updateOutput(input)
   local dim, half = halves(self, input)
   local size = input:size()
   size[dim] = half
   self.output:resize(size)
   self.output:sigmoid(input:narrow(dim, half + 1, half))
   self.output:cmul(input:narrow(dim, 1, half))
   return self.output
end

-- d/da = sigmoid(b) * g; d/db = a * sigmoid(b) * (1 - sigmoid(b)) * g
function GatedLinearUnit:updateGradInput(input, gradOutput)
   local dim, half = halves(self, input)
   self.gradInput:resizeAs(input)
   local ga = self.gradInput:narrow(dim, 1, half)
   local gb = self.gradInput:narrow(dim, half + 1, half)
   ga:sigmoid(input:narrow(dim, half + 1, half))
   gb:fill(1):add(-1, ga):cmul(ga)
   ga:cmul(gradOutput)
   gb:cmul(gradOutput):cmul(input:narrow(dim, 1, half))
   return self.gradInput
end

function GatedLinearUnit:__tostring__()
   return torch.type(self) .. (self.dim and '(dim ' .. self.dim .. ')' or '')
end
