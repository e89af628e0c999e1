local SpatialAutoCropMSECriterion, parent =
   torch.class('nn.SpatialAutoCropMSECriterion', 'nn.MSECriterion')

--[[ MSECriterion between an image (C x H x W, or a batch N x C x H x W) and the centre
H x W window of a target that may be spatially larger.
ARGS: sizeAverage (boolean, default true) ]]
function SpatialAutoCropMSECriterion:__init(sizeAverage)
   parent.__init(self, sizeAverage)
end

local function sizes(t)
   return table.concat(t:size():totable(), 'x')
end

-- The view of `target` centred on a window of input's height and width, after checking
-- that the two agree in every leading dimension and the target is not smaller.
local function cropTarget(input, target)
   local d = torch.isTensor(input) and input:dim()
   if (d ~= 3 and d ~= 4) or not torch.isTensor(target) or target:dim() ~= d then
      error('nn.SpatialAutoCropMSECriterion: input and target must both be 3D (CxHxW) ' ..
         'or both 4D (NxCxHxW)', 3)
   end
   for i = 1, d - 2 do
      if input:size(i) ~= target:size(i) then
         error(string.format('nn.SpatialAutoCropMSECriterion: input (%s) and target (%s) ' ..
            'differ in dimension %d', sizes(input), sizes(target), i), 3)
      end
   end
   local h, w = input:size(d - 1), input:size(d)
   local th, tw = target:size(d - 1), target:size(d)
   if h > th or w > tw then
      error(string.format('nn.SpatialAutoCropMSECriterion: input resolution %dx%d is larger ' ..
         'than target resolution %dx%d', h, w, th, tw), 3)
   end
   return target:narrow(d - 1, 1 + math.floor((th - h) / 2), h)
      :narrow(d, 1 + math.floor((tw - w) / 2), w)
end

function SpatialAutoCropMSECriterion:updateOutput(input, target)
   return parent.updateOutput(self, input, cropTarget(input, target))
end

function SpatialAutoCropMSECriterion:updateGradInput(input, target)
   return parent.updateGradInput(self, input, cropTarget(input, target))
end
