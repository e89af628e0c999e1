local SpatialReflectionPadding = torch.class('nn.SpatialReflectionPadding', 'nn.Module')
local K = torch._bridge.K

--[[ Pad each plane of a 3-D or 4-D input with the input mirrored at its borders (the border
itself not repeated).
ARGS: pad_l, pad_r, pad_t, pad_b (pad_r, pad_t and pad_b default to pad_l) ]]
-- Same fields, checks and printing as nn.SpatialZeroPadding; only the kernels differ.
for _, method in ipairs({ '__init', 'updateOutput', 'updateGradInput', '__tostring__' }) do
   SpatialReflectionPadding[method] = nn.SpatialZeroPadding[method]
end
SpatialReflectionPadding._kernels = {
   updateOutput = K.SpatialReflectionPadding_updateOutput,
   updateGradInput = K.SpatialReflectionPadding_updateGradInput,
}
