local VBN = torch.class('nn.VolumetricBatchNormalization', 'nn.BatchNormalization')

--[[ Batch normalization of N x C x T x H x W inputs, per plane C.
ARGS: as nn.BatchNormalization (nOutput, eps, momentum, affine) ]]
VBN.nDim = 5
