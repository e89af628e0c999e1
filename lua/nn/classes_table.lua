-- nn class files for the table modules (SplitTable, CMulTable, DotProduct, ...), in load order.
return {
   'SplitTable', 'NarrowTable', 'FlattenTable', 'CSubTable', 'CMulTable', 'CDivTable',
   'CMaxTable', 'CMinTable', 'DotProduct', 'CosineDistance', 'PairwiseDistance', 'MixtureTable',
   'DepthConcat', 'MapTable',
   'ZipTable', 'ZipTableOneToMany', 'MaskedSelect',
   'CAddTensorTable',
   'Convert',
}
