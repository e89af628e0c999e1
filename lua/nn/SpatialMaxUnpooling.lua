local SpatialMaxUnpooling, parent = torch.class('nn.SpatialMaxUnpooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Invert an nn.SpatialMaxPooling: put each value back where that module found its max,
zeros elsewhere. ARGS: poolingModule (an nn.SpatialMaxPooling with kernel size = stride) ]]
function SpatialMaxUnpooling:__init(poolingModule)
   parent.__init(self)
   if torch.type(poolingModule) ~= 'nn.SpatialMaxPooling' then
      error('nn.SpatialMaxUnpooling: argument must be a nn.SpatialMaxPooling module', 2)
   end
   if poolingModule.kH ~= poolingModule.dH or poolingModule.kW ~= poolingModule.dW then
      error("nn.SpatialMaxUnpooling: the size of pooling module's kernel must be equal to "
         .. 'its stride', 2)
   end
   self.pooling = poolingModule
end

--[[ Take indices and the unpooled size from the pooling module's last forward. ]]
function SpatialMaxUnpooling:setParams()
   self.indices = self.pooling.indices
   self.oheight = self.pooling.iheight
   self.owidth = self.pooling.iwidth
end

local function check(self, input)
   local d = input:dim()
   if (d ~= 3 and d ~= 4) or not self.indices or not input:isSameSizeAs(self.indices)
      or not self.oheight then
      error('nn.SpatialMaxUnpooling: input must be 3D or 4D and match the indices of the '
         .. "pooling module's last forward", 3)
   end
end

function SpatialMaxUnpooling:updateOutput(input)
   self:setParams()
   check(self, input)
   local size = input:size()
   size[#size - 1], size[#size] = self.oheight, self.owidth
   self.output:resize(size)
   K.SpatialMaxUnpooling_updateOutput(np(input), np(self.output), np(self.indices),
      self.owidth, self.oheight)
   return self.output
end

function SpatialMaxUnpooling:updateGradInput(input, gradOutput)
   self:setParams()
   check(self, input)
   if not gradOutput:isSameSizeAs(self.output) then
      error('nn.SpatialMaxUnpooling: gradOutput does not match the output size', 2)
   end
   self.gradInput:resizeAs(input)
   K.SpatialMaxUnpooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
      np(self.indices), self.owidth, self.oheight)
   return self.gradInput
end

--[[ Same as clearState (kept for old scripts). ]]
function SpatialMaxUnpooling:empty()
   self:clearState()
end

function SpatialMaxUnpooling:__tostring__()
   return 'nn.SpatialMaxUnpooling associated to ' .. tostring(self.pooling)
end
