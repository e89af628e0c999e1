-- optim.Logger: header and rows written to the log file, symbols kept, errors, no gnuplot.
local dir = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
dofile(dir .. 'optim_helpers.lua')
local tester = torch.Tester()
local tests = {}

local function readAll(path)
   local f = assert(io.open(path, 'r'))
   local text = f:read('*a')
   f:close()
   return text
end

function tests.namedColumnsAreWrittenAsRows()
   local path = os.tmpname()
   local logger = optim.Logger(path)
   tester:eq(torch.type(logger), 'optim.Logger')
   tester:assert(logger:setNames({ 'train', 'test' }) == logger, 'setNames returns self')
   logger:add({ 0.5, 0.25 })
   logger:add({ 1, 'n/a' })
   logger.file:close()
   -- numbers are written with %11.4e, so they get a leading space
   tester:eq(readAll(path), 'train\ttest\t\n 5.0000e-01\t 2.5000e-01\t\n 1.0000e+00\tn/a\t\n')
   tester:eq(#logger.symbols[1], 2)
   tester:eq(logger.symbols[2][1], 0.25)
   tester:eq(logger.idx.test, 2)
   tester:eq(logger.epsfile, path .. '.eps')
   os.remove(path)
end

function tests.firstKeyedRowWritesTheHeader()
   local path = os.tmpname()
   local logger = optim.Logger(path)
   logger:add({ loss = 2 })
   logger:add({ loss = 1 })
   logger.file:close()
   tester:eq(readAll(path), 'loss\t\n 2.0000e+00\t\n 1.0000e+00\t\n')
   tester:eq(logger.names.loss, 'loss')
   tester:eq(logger.symbols.loss[2], 1)
   os.remove(path)
end

function tests.onlyNumbersAndStringsCanBeLogged()
   local path = os.tmpname()
   local logger = optim.Logger(path)
   tester:assertErrorPattern(function() logger:add({ x = {} }) end, 'numbers and strings')
   tester:assertErrorPattern(function() logger:style({ x = 3 }) end, 'style')
   logger.file:close()
   os.remove(path)
end

function tests.styleAndPlotSettings()
   local path = os.tmpname()
   local logger = optim.Logger(path)
   logger:add({ a = 1 })
   tester:assert(logger:style({ a = '-' }) == logger, 'style returns self')
   tester:eq(logger.styles.a[1], '-')
   logger:setlogscale(true)
   logger:display(false)
   tester:eq(logger.logscale, true)
   tester:eq(logger.showPlot, false)
   if not pcall(require, 'gnuplot') then
      tester:assertNoError(function() logger:plot() end, 'plot without gnuplot only warns')
      tester:eq(logger.warned, true)
   end
   logger.file:close()
   os.remove(path)
end

tester:add(tests)
return tester
