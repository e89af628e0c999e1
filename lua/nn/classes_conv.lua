-- nn class files for the convolution modules, in load order.
return {
   'SpatialConvolution', 'SpatialConvolutionMM', 'SpatialDilatedConvolution',
   'SpatialFullConvolution', 'SpatialConvolutionLocal', 'TemporalConvolution',
   'VolumetricConvolution', 'VolumetricFullConvolution', 'SpatialConvolutionMap',
   'SpatialFullConvolutionMap',
   'VolumetricDilatedConvolution', 'SpatialDepthWiseConvolution',
}
