local SpatialAveragePooling, parent = torch.class('nn.SpatialAveragePooling', 'nn.Module')
local K, np = torch._bridge.K, torch._np

--[[ Mean over kW x kH windows of each plane.
ARGS: kW, kH (window), dW, dH (step, default 1), padW, padH (default 0) ]]
function SpatialAveragePooling:__init(kW, kH, dW, dH, padW, padH)
   parent.__init(self)
   self.kW, self.kH = kW, kH
   self.dW, self.dH = dW or 1, dH or 1
   self.padW, self.padH = padW or 0, padH or 0
   self.ceil_mode = false
   self.count_include_pad = true
   self.divide = true
end

--[[ Round output sizes up. RETURN: self ]]
function SpatialAveragePooling:ceil()
   self.ceil_mode = true
   return self
end

--[[ Round output sizes down (the default). RETURN: self ]]
function SpatialAveragePooling:floor()
   self.ceil_mode = false
   return self
end

--[[ Divide by the whole window, padding included (the default). RETURN: self ]]
function SpatialAveragePooling:setCountIncludePad()
   self.count_include_pad = true
   return self
end

--[[ Divide by the part of the window inside the input. RETURN: self ]]
function SpatialAveragePooling:setCountExcludePad()
   self.count_include_pad = false
   return self
end

-- Files written before padding and ceil mode existed have none of these fields.
local function upgrade(self)
   if self.ceil_mode == nil then
      self.ceil_mode = false
      self.count_include_pad = true
      self.padH, self.padW = 0, 0
   end
end

local function resizeLike(t, input, oH, oW)
   if input:dim() == 3 then
      t:resize(input:size(1), oH, oW)
   else
      t:resize(input:size(1), input:size(2), oH, oW)
   end
end

function SpatialAveragePooling:updateOutput(input)
   upgrade(self)
   local oH, oW = nn.SpatialMaxPooling._poolShape(self, input, torch.type(self))
   resizeLike(self.output, input, oH, oW)
   K.SpatialAveragePooling_updateOutput(np(input), np(self.output), self.kW, self.kH,
      self.dW, self.dH, self.padW, self.padH, self.ceil_mode, self.count_include_pad)
   -- old files without `divide` summed instead of averaging
   if not self.divide then self.output:mul(self.kW * self.kH) end
   return self.output
end

function SpatialAveragePooling:updateGradInput(input, gradOutput)
   if self.gradInput then
      upgrade(self)
      local oH, oW = nn.SpatialMaxPooling._poolShape(self, input, torch.type(self))
      local nd = gradOutput:dim()
      if nd ~= input:dim() or gradOutput:size(nd - 1) ~= oH or gradOutput:size(nd) ~= oW then
         error(torch.type(self) .. ': gradOutput does not match the output size', 2)
      end
      self.gradInput:resizeAs(input)
      K.SpatialAveragePooling_updateGradInput(np(input), np(gradOutput), np(self.gradInput),
         self.kW, self.kH, self.dW, self.dH, self.padW, self.padH, self.ceil_mode,
         self.count_include_pad)
      if not self.divide then self.gradInput:mul(self.kW * self.kH) end
      return self.gradInput
   end
end

function SpatialAveragePooling:__tostring__()
   local s = string.format('%s(%dx%d, %d,%d', torch.type(self), self.kW, self.kH,
      self.dW, self.dH)
   if (self.padW or 0) ~= 0 or (self.padH or 0) ~= 0 then
      s = s .. ', ' .. self.padW .. ',' .. self.padH
   end
   return s .. ')'
end
