local VolumetricMaxUnpooling, parent = torch.class('nn.VolumetricMaxUnpooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Invert an nn.VolumetricMaxPooling: put each value back where that module found its max,
zeros elsewhere. ARGS: poolingModule (an nn.VolumetricMaxPooling with kernel size = stride) ]]
function VolumetricMaxUnpooling:__init(poolingModule)
   parent.__init(self)
   if torch.type(poolingModule) ~= 'nn.VolumetricMaxPooling' then
      error('nn.VolumetricMaxUnpooling: argument must be a nn.VolumetricMaxPooling module', 2)
   end
   local p = poolingModule
   if p.kT ~= p.dT or p.kH ~= p.dH or p.kW ~= p.dW then
      error("nn.VolumetricMaxUnpooling: the size of pooling module's kernel must be equal to "
         .. 'its stride', 2)
   end
   self.pooling = poolingModule
end

--[[ Take indices, strides, pads and the unpooled size from the pooling module's last
forward. ]]
function VolumetricMaxUnpooling:setParams()
   local p = self.pooling
   self.indices = p.indices
   self.otime, self.oheight, self.owidth = p.itime, p.iheight, p.iwidth
   self.dT, self.dH, self.dW = p.dT, p.dH, p.dW
   self.padT, self.padH, self.padW = p.padT, p.padH, p.padW
end

local function check(self, input)
   local d = input:dim()
   if (d ~= 4 and d ~= 5) or not self.indices or not input:isSameSizeAs(self.indices)
      or not self.otime then
      error('nn.VolumetricMaxUnpooling: input must be 4D or 5D and match the indices of the '
         .. "pooling module's last forward", 3)
   end
end

-- The kernels' shared trailing arguments: unpooled size, strides, pads.
local function args(self)
   return self.otime, self.owidth, self.oheight, self.dT, self.dW, self.dH,
      self.padT, self.padW, self.padH
end

function VolumetricMaxUnpooling:updateOutput(input)
   self:setParams()
   check(self, input)
   local size = input:size()
   local d = #size
   size[d - 2], size[d - 1], size[d] = self.otime, self.oheight, self.owidth
   self.output:resize(size)
   K.VolumetricMaxUnpooling_updateOutput(np(input), np(self.output), np(self.indices),
      args(self))
   return self.output
end

function VolumetricMaxUnpooling:updateGradInput(input, gradOutput)
   self:setParams()
   check(self, input)
   if not gradOutput:isSameSizeAs(self.output) then
      error('nn.VolumetricMaxUnpooling: gradOutput does not match the output size', 2)
   end
   self.gradInput:resizeAs(input)
   K.VolumetricMaxUnpooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices), args(self))
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function VolumetricMaxUnpooling:empty()
   self:clearState()
end

function VolumetricMaxUnpooling:__tostring__()
   return 'nn.VolumetricMaxUnpooling associated to ' .. tostring(self.pooling)
end
