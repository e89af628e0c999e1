local SpatialConvolution, parent = torch.class('nn.SpatialConvolution', 'nn.Module')
local conv = nn._conv
local checkPlanes, upgrade2d = conv.checkPlanes, conv.upgrade2d

--[[ 2-D convolution over an input of nInputPlane planes.
ARGS: nInputPlane, nOutputPlane, kW, kH (numbers), dW, dH (strides, default 1),
padW (default 0), padH (default padW) ]]
function SpatialConvolution:__init(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   conv.setGeometry2d(self, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH)
   conv.allocate(self, nOutputPlane, nOutputPlane, nInputPlane, kH, kW)
   self:reset()
end

-- Shared with the other convolutions: noBias, and reset with a fan-in of kW*kH*nInputPlane.
SpatialConvolution.noBias = conv.noBias
SpatialConvolution.reset = conv.reset2d

-- Modules saved by older versions: `padding` instead of padW/padH, a 2-D weight, no buffers.
local function upgrade(self)
   upgrade2d(self)
   self.padW = self.padW or 0
   self.padH = self.padH or 0
   local o, i, kH, kW = self.nOutputPlane, self.nInputPlane, self.kH, self.kW
   if self.weight:dim() == 2 then self.weight = self.weight:view(o, i, kH, kW) end
   if self.gradWeight and self.gradWeight:dim() == 2 then
      self.gradWeight = self.gradWeight:view(o, i, kH, kW)
   end
end

-- Check the input; RETURN the output height and width.
function SpatialConvolution:_checkInput(input)
   local name = torch.type(self)
   local d = checkPlanes(self, name, input, 3, 'H x W')
   local dilW, dilH = self.dilationW or 1, self.dilationH or 1
   local oH = math.floor((input:size(d - 1) + 2 * self.padH - (dilH * (self.kH - 1) + 1))
      / self.dH) + 1
   local oW = math.floor((input:size(d) + 2 * self.padW - (dilW * (self.kW - 1) + 1))
      / self.dW) + 1
   if oH < 1 or oW < 1 then
      error(string.format('%s: input of %dx%d gives an output of %dx%d, which is too small',
         name, input:size(d - 1), input:size(d), oH, oW), 3)
   end
   return oH, oW
end

conv.mmMethods(SpatialConvolution, upgrade, SpatialConvolution._checkInput)
SpatialConvolution.type = conv.type
SpatialConvolution.clearState = conv.clearState

function SpatialConvolution:__tostring__()
   return conv.closeBias(self, conv.describe2d(self))
end
