-- nn class files for the criteria beyond the core ones, in load order.
return {
   'SmoothL1Criterion', 'BCECriterion', 'DistKLDivCriterion', 'MarginCriterion',
   'SoftMarginCriterion', 'MultiMarginCriterion', 'MultiLabelMarginCriterion',
   'MultiLabelSoftMarginCriterion', 'HingeEmbeddingCriterion', 'L1HingeEmbeddingCriterion',
   'CosineEmbeddingCriterion', 'MarginRankingCriterion', 'SpatialClassNLLCriterion',
   'ParallelCriterion', 'MultiCriterion', 'WeightedMSECriterion', 'L1Cost',
   'ModuleCriterion', 'ClassSimplexCriterion', 'DistanceRatioCriterion',
   'SpatialAutoCropMSECriterion',
   -- sub-sampling layers (kept here so that the other family lists stay untouched)
   'SpatialSubSampling', 'TemporalSubSampling',
   -- not classes: extensions loaded after the modules they extend
   'hessian',
}
