-- The paths package: file-name functions, directory listing and making, temporary names,
-- system queries and file-relative loading.
local paths = require 'paths'
local tester = torch.Tester()
local tests = torch.TestSuite()

-- A fresh empty folder from paths.tmpname(), and a function removing it again.
local function scratch()
   local dir = paths.tmpname()
   assert(paths.mkdir(dir))
   return dir, function() assert(paths.rmall(dir, 'yes')) end
end

local function touch(name, text)
   local f = assert(io.open(name, 'w'))
   f:write(text or '')
   f:close()
end

local function sorted(iter)
   local names = {}
   for name in iter do names[#names + 1] = name end
   table.sort(names)
   return names
end

function tests.requireSetsTheGlobal()
   tester:asserteq(_G.paths, paths)
   tester:asserteq(paths.require('paths'), paths)
end

function tests.filepAndDirpTellFilesFromFolders()
   local dir, done = scratch()
   local file = paths.concat(dir, 'f.txt')
   touch(file)
   tester:eq({ paths.filep(file), paths.dirp(file) }, { true, false })
   tester:eq({ paths.filep(dir), paths.dirp(dir) }, { false, true })
   tester:eq({ paths.filep(dir .. '/none'), paths.dirp(dir .. '/none') }, { false, false })
   tester:eq({ paths.filep(''), paths.dirp('') }, { false, false })
   tester:asserteq(paths.dirp(dir .. '/'), true)
   tester:asserteq(paths.dirp(file .. '/'), false)
   done()
end

function tests.basenameStripsFoldersTrailingSlashesAndSuffix()
   tester:asserteq(paths.basename('/a/b/c.txt'), 'c.txt')
   tester:asserteq(paths.basename('a/b/'), 'b')
   tester:asserteq(paths.basename('//a//b//'), 'b')
   tester:asserteq(paths.basename('/'), '')
   tester:asserteq(paths.basename('name'), 'name')
   tester:asserteq(paths.basename('a/c.txt', 'txt'), 'c')
   tester:asserteq(paths.basename('a/c.txt/', '.txt'), 'c')
   tester:asserteq(paths.basename('c.txt', 'gz'), 'c.txt')
   tester:asserteq(paths.basename('ctxt', 'txt'), 'ctxt')
   tester:asserteq(paths.basename('x.tar.gz', 'gz'), 'x.tar')
   tester:asserteq(paths.basename('txt', 'txt'), 'txt')
   tester:asserteq(paths.basename('c.txt', '.'), 'c.txt')
end

function tests.dirnameKeepsTheFolderPart()
   tester:asserteq(paths.dirname('/a/b/c.txt'), '/a/b')
   tester:asserteq(paths.dirname('/'), '/')
   tester:asserteq(paths.dirname('a'), '.')
   tester:asserteq(paths.dirname(''), '.')
   tester:asserteq(paths.dirname('a/'), '.')
   tester:asserteq(paths.dirname('a/b/'), 'a')
   tester:asserteq(paths.dirname('/a'), '/')
   tester:asserteq(paths.dirname('a//b'), 'a/')
end

function tests.extnameIsWhatFollowsTheLastDot()
   tester:asserteq(paths.extname('a/b.tar.gz'), 'gz')
   tester:asserteq(paths.extname('.bashrc'), 'bashrc')
   tester:asserteq(paths.extname('a.b/c'), 'b/c')
   tester:asserteq(paths.extname('a.'), '')
   tester:asserteq(paths.extname('abc'), nil)
end

function tests.concatResolvesFromTheCurrentFolder()
   local cwd = paths.cwd()
   tester:asserteq(cwd:sub(1, 1), '/')
   tester:asserteq(paths.concat(), cwd)
   tester:asserteq(paths.concat('.'), cwd)
   tester:asserteq(paths.concat('a/b'), (cwd:gsub('/$', '') .. '/a/b'))
   tester:asserteq(paths.concat('/x', 'y//z/'), '/x/y/z')
   tester:asserteq(paths.concat('/x/y', '/abs', 'b'), '/abs/b')
   tester:asserteq(paths.concat('/x/y', '..', './z'), '/x/z')
   tester:asserteq(paths.concat('/x/y', 'a/../../b/.'), '/x/b')
   tester:asserteq(paths.concat('/x', '..', '..', '..'), '/')
   tester:asserteq(paths.concat('//x//'), '/x')
   tester:asserteq(paths.concat('/x', '.y', '...'), '/x/.y/...')
   tester:asserteq(paths.concat('/x', 2), '/x/2')
   tester:assertErrorPattern(function() paths.concat('/x', {}) end, 'paths.concat: string')
end

function tests.execdirIsAFolderOrNil()
   local dir = paths.execdir()
   tester:assert(dir == nil or paths.dirp(dir), tostring(dir))
end

function tests.tmpnameGivesFreshNamesItRemovesAtExit()
   local a, b = paths.tmpname(), paths.tmpname()
   tester:asserteq(type(a), 'string')
   tester:assertne(a, b)
   tester:asserteq(paths.filep(a) or paths.dirp(a), false)
   tester:asserteq(paths.dirp(paths.dirname(a)), true)
   tester:assert(paths.basename(a):find('^luatmp') ~= nil, a)
end

function tests.dirListsEverythingOrGivesNil()
   local dir, done = scratch()
   touch(paths.concat(dir, 'b.txt'))
   touch(paths.concat(dir, "it's -n"))
   assert(paths.mkdir(paths.concat(dir, 'sub')))
   local names = paths.dir(dir)
   table.sort(names)
   tester:eq(names, { '.', '..', 'b.txt', "it's -n", 'sub' })
   tester:asserteq(paths.dir(paths.concat(dir, 'missing')), nil)
   tester:asserteq(paths.dir(paths.concat(dir, 'b.txt')), nil)
   done()
end

function tests.filesFiltersWithAPatternOrAFunction()
   local dir, done = scratch()
   for _, name in ipairs({ 'a.lua', 'b.lua', 'c.txt' }) do touch(paths.concat(dir, name)) end
   tester:eq(sorted(paths.files(dir)), { '.', '..', 'a.lua', 'b.lua', 'c.txt' })
   tester:eq(sorted(paths.files(dir, '%.lua$')), { 'a.lua', 'b.lua' })
   tester:eq(sorted(paths.files(dir, function(f) return f:sub(1, 1) == 'c' end)), { 'c.txt' })
   tester:eq(sorted(paths.files(paths.concat(dir, 'missing'))), {})
   tester:assertErrorPattern(function() paths.files(dir, 3) end, 'paths.files: include')
   done()
end

function tests.iterdirsAndIterfilesLeaveOutTheDots()
   local dir, done = scratch()
   touch(paths.concat(dir, 'f1'))
   touch(paths.concat(dir, 'f2'))
   assert(paths.mkdir(paths.concat(dir, 'd1')))
   assert(paths.mkdir(paths.concat(dir, '.d2')))
   tester:eq(sorted(paths.iterdirs(dir)), { '.d2', 'd1' })
   tester:eq(sorted(paths.iterfiles(dir)), { 'f1', 'f2' })
   done()
end

function tests.mkdirMakesParentsAndReportsFailures()
   local dir, done = scratch()
   local deep = paths.concat(dir, 'a', 'b', 'c')
   tester:asserteq(paths.mkdir(deep), true)
   tester:asserteq(paths.dirp(deep), true)
   local ok, message, errno = paths.mkdir(deep)
   tester:asserteq(ok, nil)
   tester:asserteq(message:sub(1, #deep + 2), deep .. ': ')
   tester:asserteq(type(errno), 'number')
   tester:assertgt(errno, 0)
   touch(paths.concat(dir, 'file'))
   tester:asserteq(paths.mkdir(paths.concat(dir, 'file', 'x')), nil)
   done()
end

function tests.rmdirRemovesOnlyEmptyFolders()
   local dir, done = scratch()
   assert(paths.mkdir(paths.concat(dir, 'a', 'b')))
   local ok, message, errno = paths.rmdir(paths.concat(dir, 'a'))
   tester:eq({ ok, type(message), type(errno) }, { nil, 'string', 'number' })
   tester:asserteq(paths.rmdir(paths.concat(dir, 'a', 'b')), true)
   tester:asserteq(paths.dirp(paths.concat(dir, 'a', 'b')), false)
   done()
end

function tests.rmallNeedsYesAndDoesNotFollowLinks()
   local dir, done = scratch()
   local keep, doneKeep = scratch()
   touch(paths.concat(keep, 'precious'))
   assert(paths.mkdir(paths.concat(dir, 'x', 'y')))
   touch(paths.concat(dir, 'x', 'y', 'f'))
   os.execute(string.format("ln -s '%s' '%s'", keep, paths.concat(dir, 'x', 'link')))
   tester:eq({ paths.rmall(dir) }, { nil, "missing second argument ('yes')" })
   tester:asserteq(paths.dirp(dir), true)
   local missing = paths.concat(dir, 'none')
   tester:eq({ paths.rmall(missing, 'yes') }, { nil, 'not a file or directory', missing })
   done()
   tester:asserteq(paths.dirp(dir), false)
   tester:asserteq(paths.filep(paths.concat(keep, 'precious')), true)
   local file = paths.tmpname()
   touch(file)
   tester:asserteq(paths.rmall(file, 'yes'), true)
   tester:asserteq(paths.filep(file), false)
   doneKeep()
end

function tests.unameAndPlatformQueries()
   local sysname, nodename, machine = paths.uname()
   tester:asserteq(type(sysname), 'string')
   tester:asserteq(type(nodename), 'string')
   tester:asserteq(type(machine), 'string')
   tester:assert(sysname == 'Linux' or sysname == 'Darwin', sysname)
   tester:asserteq(paths.is_win(), false)
   tester:asserteq(paths.is_mac(), sysname == 'Darwin')
   tester:asserteq(paths.home, os.getenv('HOME') or '.')
   tester:assertErrorPattern(function() paths.getregistryvalue('HKEY_USERS', 'a', 'b') end,
      'paths.getregistryvalue')
end

function tests.thisfileAndDofileAreRelativeToThisFile()
   local here = paths.thisfile()
   tester:asserteq(paths.basename(here), 'test_paths.lua')
   tester:asserteq(here:sub(1, 1), '/')
   tester:asserteq(paths.filep(here), true)
   tester:asserteq(paths.thisfile('other.lua'), paths.concat(paths.dirname(here), 'other.lua'))
   local helpers = paths.dofile('pointwise_helpers.lua')
   tester:asserteq(type(helpers.rep), 'function')
   local dir, done = scratch()
   local chunk = paths.concat(dir, 'chunk.lua')
   touch(chunk, 'return 1, "two"')
   tester:eq({ paths.dofile(chunk) }, { 1, 'two' })
   done()
   local fromString = loadstring('return paths.thisfile(), paths.thisfile("x")')
   tester:eq({ fromString() }, { nil, 'x' })
end

function tests.findprogramSearchesThePath()
   local sh = paths.findprogram('no-such-program-here', 'sh')
   tester:asserteq(paths.basename(sh), 'sh')
   tester:asserteq(paths.filep(sh), true)
   tester:asserteq(paths.findprogram('no-such-program-here'), nil)
end

function tests.installFieldsPointAtTheLuaLibraries()
   tester:asserteq(paths.filep(paths.concat(paths.install_lua_path, 'torch', 'init.lua')), true)
   tester:asserteq(paths.install_prefix, paths.dirname(paths.install_lua_path))
end

function tests.argumentsAreChecked()
   tester:assertErrorPattern(function() paths.basename({}) end, 'paths.basename: string')
   tester:assertErrorPattern(function() paths.mkdir(nil) end, 'paths.mkdir: string')
   tester:asserteq(paths.basename(12), '12')
end

tester:add(tests)
return tester
