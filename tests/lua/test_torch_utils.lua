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

tester:add(tests)
return tester
