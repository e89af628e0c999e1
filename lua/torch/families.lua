-- The library files loaded after the tensor core, in order. Each receives `torch` as `...`.
return {
   'print',
   'random',
   'MathPointwise',
   'MathReduce',
   'Constructors',
   'TensorIndexOps',
   'Blas',
   'Lapack',
   'Conv',
   'Timer',
   'CmdLine',
   'Tester',
   'File',
   'DiskFile',
   'MemoryFile',
   'serialize',
}
