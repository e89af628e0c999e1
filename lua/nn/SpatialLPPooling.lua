local SpatialLPPooling, parent = torch.class('nn.SpatialLPPooling', 'nn.Sequential')

--[[ Lp pooling over kW x kH windows of a 3-D or 4-D input: the p-norm of each window,
(sum of x^p)^(1/p), built as nn.Square or nn.Power(p), nn.SpatialAveragePooling,
nn.MulConstant(kW * kH) and nn.Sqrt or nn.Power(1 / p). The module has no parameters.
ARGS: nInputPlane (unused, kept for Torch7's signature), pnorm, kW, kH, dW (default kW),
dH (default kH) ]]
function SpatialLPPooling:__init(nInputPlane, pnorm, kW, kH, dW, dH) -- luacheck: no unused args
   parent.__init(self)
   if type(pnorm) ~= 'number' or pnorm == 0 then
      error('nn.SpatialLPPooling: pnorm must be a non-zero number', 2)
   end
   if type(kW) ~= 'number' or type(kH) ~= 'number' then
      error('nn.SpatialLPPooling: kernel sizes kW and kH are required', 2)
   end
   dW = dW or kW
   dH = dH or kH
   self.kW, self.kH, self.dW, self.dH = kW, kH, dW, dH
   self:add(pnorm == 2 and nn.Square() or nn.Power(pnorm))
   self:add(nn.SpatialAveragePooling(kW, kH, dW, dH))
   self:add(nn.MulConstant(kW * kH))
   self:add(pnorm == 2 and nn.Sqrt() or nn.Power(1 / pnorm))
end

-- No parameters: the pooling stages must not be reset or trained.
function SpatialLPPooling:reset() end

function SpatialLPPooling:updateOutput(input)
   local d = torch.isTensor(input) and input:dim() or 0
   if d ~= 3 and d ~= 4 then
      error('nn.SpatialLPPooling: input must be a 3-D or 4-D tensor', 2)
   end
   return parent.updateOutput(self, input)
end

function SpatialLPPooling:accGradParameters() end

function SpatialLPPooling:accUpdateGradParameters() end

function SpatialLPPooling:zeroGradParameters() end

function SpatialLPPooling:updateParameters() end

function SpatialLPPooling:__tostring__()
   return (parent.__tostring__(self):gsub('^nn%.Sequential', torch.type(self)))
end
