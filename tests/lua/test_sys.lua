-- The sys package: wall clock, tic/toc and sleeping, shell commands, the system name,
-- the calling file's folder, splitting, NaN tests and terminal colours.
local sys = require 'sys'
local paths = require 'paths'
local tester = torch.Tester()
local tests = torch.TestSuite()

function tests.requireSetsTheGlobal()
   tester:asserteq(_G.sys, sys)
   tester:asserteq(require('sys'), sys)
end

function tests.clockIsWallTimeWithSubSecondSteps()
   local t = sys.clock()
   tester:assertlt(math.abs(t - os.time()), 2)
   local later = t
   for _ = 1, 1000000 do
      later = sys.clock()
      if later > t and later - t < 0.5 then break end
   end
   tester:assertgt(later, t)
   tester:assertlt(later - t, 0.5)
end

function tests.ticTocMeasuresASleep()
   sys.tic()
   sys.sleep(0.05)
   local dt = sys.toc()
   tester:assertge(dt, 0.045)
   tester:assertlt(dt, 1)
   local before = sys.clock()
   sys.usleep(20000)
   tester:assertge(sys.clock() - before, 0.018)
   sys.usleep(0)
   sys.usleep(-5)
   tester:assertErrorPattern(function() sys.sleep('1') end, 'sys.sleep: number')
end

function tests.executeGivesTheTrimmedOutput()
   tester:asserteq(sys.execute('printf "  one\\ntwo  \\n\\n"'), 'one\ntwo')
   tester:asserteq(sys.execute('{ echo oops >&2; }'), 'oops')
   tester:asserteq(sys.execute('true'), '')
   tester:asserteq(sys.fexecute('echo "  hello  "'), 'hello')
   tester:asserteq(sys.fexecute('echo 42', '*n'), 42)
   tester:assertErrorPattern(function() sys.execute(3) end, 'sys.execute: string')
end

function tests.lsListsAFolder()
   local dir = paths.tmpname()
   assert(paths.mkdir(dir))
   io.open(paths.concat(dir, 'b.txt'), 'w'):close()
   io.open(paths.concat(dir, '.hidden'), 'w'):close()
   tester:asserteq(sys.ls(dir), 'b.txt')
   -- ls sorts by the locale's collation (C puts '.hidden' first, en_US after 'b.txt')
   local names = {}
   for name in sys.la(dir):gmatch('[^\n]+') do names[#names + 1] = name end
   table.sort(names)
   tester:asserteq(table.concat(names, ' '), '. .. .hidden b.txt')
   tester:assert(sys.ll(dir):find('b.txt', 1, true) ~= nil)
   tester:assert(sys.lla(dir):find('.hidden', 1, true) ~= nil)
   assert(paths.rmall(dir, 'yes'))
end

function tests.unameNamesTheSystem()
   local ffi = require 'ffi'
   local expected = ({ Linux = 'linux', OSX = 'macos', Windows = 'windows' })[ffi.os] or '?'
   tester:asserteq(sys.uname(), expected)
   tester:asserteq(sys.OS, expected)
   tester:asserteq(type(sys.prefix), 'string')
end

function tests.fpathIsThisFilesFolder()
   local dir, name = sys.fpath()
   tester:asserteq(name, 'test_sys.lua')
   tester:asserteq(dir, paths.dirname(paths.thisfile()))
   tester:asserteq(paths.filep(paths.concat(dir, 'test_paths.lua')), true)
   local fromString = loadstring('local dir, name = sys.fpath() return dir, name')
   tester:eq({ fromString() }, { paths.cwd() })
end

function tests.splitCutsAtEachMatch()
   tester:eq(sys.split('a,b,c', ','), { 'a', 'b', 'c' })
   tester:eq(sys.split(',a,,b,', ','), { 'a', '', 'b' })
   tester:eq(sys.split('one  two three', '%s+'), { 'one', 'two', 'three' })
   tester:eq(sys.split('abc', ','), { 'abc' })
   tester:eq(sys.split('', ','), {})
   tester:eq(sys.split('abc', ''), { 'abc' })
end

function tests.isNaNOnlyForNaN()
   tester:asserteq(sys.isNaN(0 / 0), true)
   tester:asserteq(sys.isNaN(1 / 0), false)
   tester:asserteq(sys.isNaN(3), false)
end

function tests.colorsAreEscapeSequences()
   local c = sys.COLORS
   local count = 0
   for _ in pairs(c) do count = count + 1 end
   tester:asserteq(count, 25)
   tester:asserteq(c.none, '\27[0m')
   tester:asserteq(c.red, '\27[0;31m')
   tester:asserteq(c.Red, '\27[1;31m')
   tester:asserteq(c._red, '\27[41m')
   tester:asserteq(c.black, '\27[0;30m')
   tester:asserteq(c.White, '\27[1;37m')
   tester:asserteq(c._white, '\27[47m')
   for _, name in ipairs({ 'green', 'yellow', 'blue', 'magenta', 'cyan' }) do
      local upper = name:sub(1, 1):upper() .. name:sub(2)
      tester:assert(c[name] and c[upper] and c['_' .. name], name)
   end
end

function tests.pathHelpersComeFromPaths()
   tester:asserteq(sys.dirname, paths.dirname)
   tester:asserteq(sys.concat, paths.concat)
end

tester:add(tests)
return tester
