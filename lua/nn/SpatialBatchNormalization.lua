local SBN = torch.class('nn.SpatialBatchNormalization', 'nn.BatchNormalization')

--[[ Batch normalization of N x C x H x W inputs, per plane C.
ARGS: as nn.BatchNormalization (nOutput, eps, momentum, affine) ]]
SBN.__version = 2
SBN.nDim = 4
