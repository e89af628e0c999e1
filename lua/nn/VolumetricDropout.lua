local VolumetricDropout = torch.class('nn.VolumetricDropout', 'nn.Module')

--[[ Dropout of whole feature maps: while training, each map of a 5-D (nbatch, nfeat, t, h, w) or
4-D (nfeat, t, h, w) input is kept (mask 1) with probability 1 - p and zeroed otherwise, the mask
drawn with bernoulli(1 - p) into `noise`; while evaluating the input is scaled by 1 - p.
ARGS: p (drop probability, default 0.5), stochasticInference (keep dropping while evaluating) ]]
-- Same fields and behaviour as nn.SpatialDropout, over three map dimensions.
for _, method in ipairs({ '__init', 'updateOutput', 'updateGradInput', 'setp', 'clearState',
                          '__tostring__' }) do
   VolumetricDropout[method] = nn.SpatialDropout[method]
end
VolumetricDropout._mapDims = 3
VolumetricDropout._shapes = '5D (nbatch, nfeat, t, h, w) or 4D (nfeat, t, h, w)'
