-- nn class files for the pooling, padding, upsampling and normalization modules, in load order.
return {
   'SpatialMaxPooling', 'SpatialAveragePooling',
   'BatchNormalization', 'SpatialBatchNormalization', 'VolumetricBatchNormalization',
   'SpatialZeroPadding', 'SpatialReflectionPadding', 'SpatialReplicationPadding',
   'TemporalMaxPooling', 'SpatialAdaptiveMaxPooling', 'SpatialAdaptiveAveragePooling',
   'SpatialMaxUnpooling', 'SpatialUpSamplingNearest', 'SpatialUpSamplingBilinear',
   'VolumetricMaxPooling', 'VolumetricAveragePooling', 'SpatialFractionalMaxPooling',
   'SpatialCrossMapLRN', 'SpatialSubtractiveNormalization', 'SpatialDivisiveNormalization',
   'SpatialContrastiveNormalization',
   'SpatialLPPooling', 'PixelShuffle',
   'SpatialDilatedMaxPooling', 'VolumetricMaxUnpooling', 'VolumetricReplicationPadding',
   'VolumetricDilatedMaxPooling', 'TemporalDynamicKMaxPooling',
   'UpSampling', 'FeatureLPPooling', 'VolumetricFractionalMaxPooling',
}
