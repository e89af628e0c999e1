-- torch.tic/toc, thread counts, constructor tables, identity and versions.
local tester = torch.Tester()
local tests = {}

function tests.ticTocMeasuresElapsedTime()
   local t = torch.tic()
   tester:assertgt(t, 1.6e9, 'tic is seconds since the epoch')
   local dt = torch.toc(t)
   tester:assert(dt >= 0 and dt < 5, 'toc gives the elapsed seconds')
   tester:assertError(function() torch.toc('x') end)
end

function tests.setnumthreadsChangesTheBlasPool()
   local old = torch.getnumthreads()
   torch.setnumthreads(1)
   tester:eq(torch.getnumthreads(), 1)
   torch.setnumthreads(old)
   tester:eq(torch.getnumthreads(), old)
   tester:assertError(function() torch.setnumthreads(0) end)
   tester:assertge(torch.getnumcores(), 1)
end

function tests.constructorTablesIdentityAndVersion()
   tester:assert(torch.getconstructortable('torch.LongTensor') == torch.LongTensor)
   local t = torch.Tensor(2)
   tester:assert(torch.isequal(t, t), 'an object is equal to itself')
   tester:assert(not torch.isequal(t, torch.Tensor(2)), 'two tensors are different objects')
   local module = {}
   local C = torch.class('utilsTest.Versioned', module)
   C.__version = 3
   tester:eq(torch.version(module.Versioned()), 3)
   tester:eq(torch.version('utilsTest.Versioned'), 3)
   debug.getregistry()['utilsTest.Versioned'] = nil
end

-- Torch7 packages we do not provide fail with a message saying so; one that is installed
-- (on package.path or in package.preload) still loads.
function tests.requireOfMissingTorch7Packages()
   for _, name in ipairs({ 'cunn', 'cutorch', 'cudnn', 'image', 'gnuplot', 'cunn.THNN' }) do
      local ok, err = pcall(require, name)
      tester:assert(not ok, name .. ' is refused')
      tester:assert(tostring(err):find("module '" .. name:gsub('%.', '%%.') .. "' is a Torch7 "
         .. 'package that pytorch_bridge does not provide', 1) ~= nil, tostring(err))
   end
   local ok, err = pcall(require, 'cutorch')
   tester:assert(not ok and tostring(err):find(':cuda%(%) calls') ~= nil, 'says what to do')
   ok, err = pcall(require, 'no_such_package_here')
   tester:assert(not ok and tostring(err):find('not found', 1, true) ~= nil,
      'unknown names keep Lua\'s message: ' .. tostring(err))
   package.preload.gnuplot = function() return { fake = true } end
   tester:assert(require('gnuplot').fake, 'a preloaded package wins')
   package.preload.gnuplot, package.loaded.gnuplot = nil, nil
   local dir = os.tmpname()
   os.remove(dir)
   assert(paths.mkdir(dir))
   local f = assert(io.open(dir .. '/image.lua', 'w'))
   f:write('return { installed = true }')
   f:close()
   local saved = package.path
   package.path = dir .. '/?.lua;' .. package.path
   ok, err = pcall(require, 'image')
   package.path, package.loaded.image = saved, nil
   paths.rmall(dir, 'yes')
   tester:assert(ok and err.installed, 'an installed package on package.path loads')
end

tester:add(tests)
return tester
