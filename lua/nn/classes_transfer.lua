-- nn class files for the transfer functions (ReLU6, SoftPlus, PReLU, ...), in load order.
return {
   'ReLU6', 'HardShrink', 'SoftShrink', 'SoftMin', 'SoftPlus', 'SoftSign', 'LogSigmoid',
   'PReLU', 'RReLU', 'SpatialSoftMax', 'SpatialLogSoftMax', 'SpatialDropout',
   'VolumetricDropout',
   'GatedLinearUnit', 'CReLU',
}
