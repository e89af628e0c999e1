local SpatialReplicationPadding = torch.class('nn.SpatialReplicationPadding', 'nn.Module')
local K = torch._bridge.K

--[[ Pad each plane of a 3-D or 4-D input with copies of the input's border rows and columns.
ARGS: pad_l, pad_r, pad_t, pad_b (pad_r, pad_t and pad_b default to pad_l) ]]
-- Same fields, checks and printing as nn.SpatialZeroPadding; only the kernels differ.
for _, method in ipairs({ '__init', 'updateOutput', 'updateGradInput', '__tostring__' }) do
   SpatialReplicationPadding[method] = nn.SpatialZeroPadding[method]
end
SpatialReplicationPadding._kernels = {
   updateOutput = K.SpatialReplicationPadding_updateOutput,
   updateGradInput = K.SpatialReplicationPadding_updateGradInput,
}
