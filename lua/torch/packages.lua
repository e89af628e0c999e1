-- `require` of a Torch7 package this project does not provide fails with a message that
-- says so and what to do, instead of Lua's list of every file it looked for. The searcher
-- runs last, so a package installed on package.path still loads.
local torch = ...

local CUDA = 'CUDA tensors and modules are not available: tensors live in host memory. '
   .. 'Drop the require and the :cuda() calls; the model then runs on the CPU'

-- Package (first name of a dotted module name) -> what to tell the user.
local MISSING = {
   cutorch = CUDA, cunn = CUDA, cudnn = CUDA, cunnx = CUDA, fbcunn = CUDA,
   image = 'the image package (image.load, image.scale, ...) is not provided yet; load '
      .. 'and save images in Python and pass the arrays in (see the README, Using it)',
   gnuplot = 'plotting (gnuplot) is not provided; write the numbers out and plot them '
      .. 'elsewhere',
   qt = 'the Qt bindings (qtlua) are not provided', qtlua = 'the Qt bindings are not provided',
   qttorch = 'the Qt bindings are not provided', qtuiloader = 'the Qt bindings are not provided',
   itorch = 'iTorch notebooks are not provided',
   threads = 'the threads package is not provided; run the work in one Lua state',
   rnn = 'the Element-Research rnn package is not provided',
   dpnn = 'the Element-Research dpnn package is not provided',
   dp = 'the Element-Research dp package is not provided',
   hdf5 = 'the hdf5 package is not provided; read HDF5 files in Python (h5py) and hand the '
      .. 'arrays over',
   matio = 'the matio package is not provided; read .mat files in Python (scipy.io)',
}

local function searcher(name)
   local why = MISSING[name:match('^[^.]+')]
   if why == nil then return nil end
   error(string.format("module '%s' is a Torch7 package that pytorch_bridge does not "
      .. 'provide: %s', name, why), 0)
end

local loaders = package.loaders or package.searchers  -- luacheck: ignore 143
for i = 1, #loaders do
   if loaders[i] == torch._packageSearcher then table.remove(loaders, i) break end
end
loaders[#loaders + 1] = searcher
torch._packageSearcher = searcher
