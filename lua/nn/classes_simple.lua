-- nn class files for the simple modules (Add, CMul, Narrow, Sum, LookupTable, ...), in load order.
return {
   'Add', 'Mul', 'CMul', 'CAdd', 'Euclidean', 'WeightedEuclidean', 'Cosine', 'Copy', 'Narrow',
   'Replicate', 'Select', 'Index', 'Squeeze', 'Unsqueeze', 'Transpose', 'Padding', 'Contiguous',
   'Max', 'Min', 'Sum', 'Mean', 'Exp', 'Log', 'Abs', 'Power', 'Square', 'Sqrt', 'Clamp',
   'MulConstant', 'AddConstant', 'Normalize', 'MM', 'MV', 'GradientReversal', 'L1Penalty',
   'LookupTable', 'Bilinear',
   'Collapse', 'Constant', 'ZeroGrad', 'Decorator', 'Bottle',
   'OneHot', 'NaN', 'WhiteNoise', 'DontCast',
   'WeightNorm',
   'LinearWeightNorm',
   'PartialLinear', 'Kmeans', 'SparseLinear', 'IndexLinear', 'Profile',
}
