-- Torch7's `torch` package over numpy arrays: classes, storages, tensors, math,
-- random numbers, serialization and utilities. Loaded by `require 'torch'`.
local torch = {}
_G.torch = torch
-- Lua 5.2 spelling used by many Torch7 scripts and tests.
table.unpack = table.unpack or unpack   -- luacheck: ignore 142 143
package.loaded.torch = torch

torch._bridge = require 'torch._bridge'
require 'paths'  -- as in Torch7, `paths` is a global once torch is loaded

--[[ Run the file `file` of package `package` (as upstream's torch.include).
ARGS: package (string), file (string) ]]
function torch.include(pkg, file)
   local path = package.searchpath(pkg .. '.' .. file:gsub('%.lua$', ''), package.path)
   if not path then
      error(string.format('torch.include: cannot find %s in package %s', file, pkg), 2)
   end
   local chunk = assert(loadfile(path))
   return chunk(torch)
end

local function load(name)
   local path = package.searchpath('torch.' .. name, package.path)
   if not path then error('torch: missing library file torch/' .. name .. '.lua') end
   local chunk = assert(loadfile(path))
   return chunk(torch)
end
torch._load = load

-- Core, in dependency order. Each file receives `torch` as `...`.
load('class')
load('types')
load('Storage')
load('StorageMethods')
load('Tensor')
load('TensorClass')
load('TensorGeometry')
load('TensorView')
load('elementLoop')
load('TensorCopy')
load('TensorIndex')
load('Half')

-- Families that extend Tensor and torch.*; each file is optional while it is written,
-- but every name listed in `families.lua` must load.
for _, name in ipairs(load('families')) do load(name) end

torch.setdefaulttensortype('torch.DoubleTensor')
return torch
