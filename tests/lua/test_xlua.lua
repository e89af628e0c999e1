-- The xlua package: printing, logging, globals, time formatting, the progress bar, errors,
-- guarded require, argument unpacking with usage text, and its table and string helpers.
local xlua = require 'xlua'
local paths = require 'paths'
local sys = require 'sys'
local c = sys.COLORS
-- luacheck: read globals table.splice table.prune string.split string.tosymbol
local tester = torch.Tester()
local tests = torch.TestSuite()

-- Run f() with io.write and print captured. RETURN: written text, then f's results
local function captured(f)
   local out, saved = {}, { write = io.write, print = print }
   rawset(io, 'write', function(...)
      for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end
   end)
   rawset(_G, 'print', function(...)
      local parts = {}
      for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
      out[#out + 1] = table.concat(parts, '\t') .. '\n'
   end)
   local results = { pcall(f) }
   rawset(io, 'write', saved.write)
   rawset(_G, 'print', saved.print)
   if not results[1] then error(results[2], 0) end
   return table.concat(out), unpack(results, 2)
end

-- A function taking a required number `n` and a string `name` (default 'x').
local function takesArgs(...)
   return xlua.unpack({ ... }, 'takesArgs', 'adds things',
      { arg = 'n', type = 'number', help = 'how many', req = true },
      { arg = 'name', type = 'string', help = 'a label', default = 'x' })
end

function tests.requireSetsTheGlobals()
   tester:asserteq(_G.xlua, xlua)
   tester:asserteq(rawget(_G, 'xprint'), xlua.print)
   tester:asserteq(rawget(_G, 'xerror'), xlua.error)
   tester:asserteq(rawget(_G, 'xrequire'), xlua.require)
   tester:asserteq(type(xlua.OptionParser), 'function')
   tester:asserteq(type(xlua.Profiler), 'function')
end

function tests.formatTimeKeepsTheTwoLargestUnits()
   tester:asserteq(xlua.formatTime(0), '0ms')
   tester:asserteq(xlua.formatTime(0.0004), '0ms')
   tester:asserteq(xlua.formatTime(0.25), '250ms')
   tester:asserteq(xlua.formatTime(2.5), '2s500ms')
   tester:asserteq(xlua.formatTime(61), '1m1s')
   tester:asserteq(xlua.formatTime(3605), '1h5s')
   tester:asserteq(xlua.formatTime(3 * 86400 + 7200 + 65.5), '3D2h')
   tester:asserteq(xlua.formatTime(86400), '1D')
end

function tests.progressDrawsABarPerCallAndEndsTheLine()
   local out = captured(function()
      for i = 1, 4 do xlua.progress(i, 4) end
      xlua.progress(1, 4)
      xlua.progress(4, 4)
   end)
   local draws = {}
   for draw in out:gmatch('[^\r]+') do draws[#draws + 1] = draw end
   tester:asserteq(#draws, 6)  -- each draw ends with '\r', the others also start with one
   tester:asserteq(out:sub(1, 2), ' [')
   local bar = draws[1]:match('^ %[([=>.]+)%] ')
   local length = #bar
   tester:assert(length >= 10 and length <= 86, tostring(length))
   local quarter = math.floor(length / 4)
   tester:asserteq(bar, ('='):rep(quarter - 1) .. '>' .. ('.'):rep(length - quarter))
   tester:assert(draws[1]:find('ETA: ', 1, true) ~= nil, draws[1])
   tester:assert(draws[1]:find(' | Step: ', 1, true) ~= nil, draws[1])
   tester:assert(draws[1]:find(' 1/4 $') ~= nil, draws[1])
   tester:asserteq(draws[4]:match('^ %[([=>.]+)%] '), ('='):rep(length - 1) .. '>')
   tester:assert(draws[4]:find('Tot: ', 1, true) ~= nil, draws[4])
   tester:assert(draws[4]:find(' 4/4 \n$') ~= nil, draws[4])
   -- a smaller position after the end starts a new bar, without going back first
   tester:assert(out:find('4/4 \n\r [', 1, true) ~= nil)
   tester:asserteq(draws[5]:match('^ %[([=>.]+)%] '), bar)
   tester:assert(draws[6]:find(' 4/4 \n$') ~= nil, draws[6])
end

function tests.unpackTakesOrderedOrNamedArguments()
   local args, n, name = takesArgs(3)
   tester:eq({ n, name, args.n, args.name, args[1], args[2] }, { 3, 'x', 3, 'x', 3, 'x' })
   local named = takesArgs({ n = 5, name = 'y' })
   tester:eq({ named.n, named.name }, { 5, 'y' })
   args, n, name = takesArgs(7, 'z')
   tester:eq({ n, name }, { 7, 'z' })
   local text = tostring(args.usage)
   tester:assert(text:find('takesArgs{\n    n = number', 1, true) ~= nil, text)
   tester:assert(text:find('    [name = string]            ', 1, true) ~= nil, text)
   tester:assert(text:find('-- a label  [default = x]\n', 1, true) ~= nil, text)
   tester:assert(text:find('takesArgs{name=string, n=number}\ntakesArgs(number, ...)', 1, true)
      ~= nil, text)
   local object = {}
   xlua.unpack_class(object, { 2 }, 'takesArgs', nil,
      { arg = 'n', type = 'number', help = 'how many', req = true })
   tester:eq({ object.n, object[1], type(object.usage) }, { 2, nil, 'table' })
end

function tests.unpackReportsAMissingArgument()
   local out, ok, err = captured(function() return pcall(takesArgs, { name = 'y' }) end)
   tester:asserteq(ok, false)
   tester:assert(tostring(err):find(c.Red .. 'error' .. c.none, 1, true) ~= nil, err)
   tester:assert(out:find(c.Red .. 'missing argument: n' .. c.none .. '\n', 1, true) ~= nil)
   tester:assert(out:find('adds things', 1, true) ~= nil, out)
   out, ok = captured(function() return pcall(takesArgs) end)
   tester:asserteq(ok, false)
   tester:assert(out:find('takesArgs{', 1, true) ~= nil, out)
end

function tests.usageListsPositionalForms()
   local text = xlua.usage('f', nil, nil, { type = 'number', help = 'n', req = true }, '',
      { type = 'string', help = 's' })
   local body = c.cyan .. 'f(\n' .. '    number' .. (' '):rep(30) .. '-- n\n)\nf(\n'
      .. '    [string]' .. (' '):rep(28) .. '-- s\n)\n' .. c.none
   tester:asserteq(text, ('+'):rep(69) .. '\n' .. c.Magenta .. 'f' .. c.none .. '\n\n'
      .. c.blue .. '> ' .. c.none .. 'usage:\n' .. body .. ('+'):rep(69))
   local module = {}
   local banner = xlua.usage_module(module, 'mypkg', 'does things')
   tester:asserteq(tostring(module), banner)
   tester:assert(banner:find('PACKAGE:\nmypkg\n\nDESC:\ndoes things\n', 1, true) ~= nil)
end

function tests.errorAddsDomainColourAndUsage()
   local ok, err = pcall(xlua.error, 'bad value', 'mod', 'use it so')
   tester:asserteq(ok, false)
   tester:assert(err:find(c.Red .. '<mod> bad value' .. c.none .. '\nuse it so', 1, true)
      ~= nil, err)
   local caught
   xlua.trycatch(function() error('boom') end, function(e) caught = e end)
   tester:assert(caught:find('boom$') ~= nil, caught)
   xlua.trycatch(function() end, function() caught = 'called' end)
   tester:assert(caught ~= 'called')
end

function tests.requireOfAMissingPackageWarns()
   local out, result = captured(function() return xlua.require('pb_no_such_package') end)
   tester:asserteq(result, false)
   tester:assert(out:find("module 'pb_no_such_package' not found", 1, true) ~= nil, out)
   tester:assert(out:find('warning: <pb_no_such_package> could not be loaded (is it installed?)\n',
      1, true) ~= nil, out)
   tester:asserteq(xlua.require('paths'), paths)
   local found, file = xlua.installed('sys.fpath')
   tester:eq({ found, paths.basename(file) }, { true, 'fpath.lua' })
   tester:asserteq(xlua.installed('pb_no_such_package'), false)
end

function tests.printShowsTableEntries()
   local out = captured(function() xlua.print({ inner = { 1 } }) end)
   tester:assert(out:find('^{%[inner%] = table: 0x%x+}\n$') ~= nil, out)
   out = captured(function() xlua.print({ long = ('y'):rep(50), t = torch.Tensor(1) }) end)
   local lines = {}
   for line in out:gmatch('[^\n]+') do
      lines[#lines + 1] = line:gsub('^[{ ]', ''):gsub('[,}]$', '')
   end
   table.sort(lines)
   tester:eq(lines, { '[long] = ' .. ('y'):rep(40) .. c.none .. ' ... ', '[t] = <userdata>' })
   out = captured(function() xlua.print('a') end)
   tester:asserteq(out, 'a\n')
   local t = torch.Tensor(2):fill(1)
   out = captured(function() xlua.print(t) end)
   tester:asserteq(out, tostring(t) .. '\n')
   out = captured(function() xlua.print({}, 2) end)
   tester:asserteq(out, '{}    2\n')
end

function tests.table2stringWritesLuaLikeText()
   tester:asserteq(xlua.table2string({ 1, 'a"b', "it's", { x = true } }),
      [[{1,'a"b',"it's",{x=true}}]])
   tester:asserteq(xlua.table2string({ ['a b'] = 'l1\nl2' }), '{["a b"]="l1\\nl2"}')
   tester:asserteq(xlua.table2string({ 1, k = 2 }, true), '{\n   1\n   k : 2\n}')
end

function tests.whoAndClearHandleUserGlobals()
   rawset(_G, 'pbXluaScratch', 42)
   local out = captured(xlua.who)
   tester:assert(out:find('Global Vars:\n', 1, true) ~= nil, out)
   tester:assert(out:find('[pbXluaScratch] = 42', 1, true) ~= nil, out)
   tester:assert(out:find('] = xlua', 1, true) ~= nil, out)
   xlua.clear('pbXluaScratch')
   tester:asserteq(rawget(_G, 'pbXluaScratch'), nil)
end

function tests.logCopiesTheOutputToAFile()
   local dir = paths.tmpname()
   local file = paths.concat(dir, 'sub', 'session.log')
   local out = captured(function()
      xlua.log(file)
      io.write('hello ', 3, '\n')
      print({ k = 1 })
   end)
   rawset(io, '_write', nil)
   rawset(_G, '_print', nil)
   local f = assert(io.open(file))
   local logged = f:read('*a')
   f:close()
   tester:asserteq(logged, 'hello 3\n{[k] = 1}\n')
   tester:asserteq(out, logged)
   assert(paths.rmall(dir, 'yes'))
end

function tests.envparamsConvertsByTheDefaultsType()
   local home = os.getenv('HOME')
   local p = xlua.envparams({ HOME = 'none', PB_XLUA_UNSET = 1.5, PB_XLUA_FLAG = false })
   tester:eq(p, { HOME = home, PB_XLUA_UNSET = 1.5, PB_XLUA_FLAG = false })
   tester:assertErrorPattern(function() xlua.envparams({ HOME = 1 }) end, 'not a number')
end

function tests.stringAndTableHelpers()
   tester:eq(('a b  c'):split(' +'), { 'a', 'b', 'c' })
   tester:eq(string.split('x=1;y=2', ';'), { 'x=1', 'y=2' })
   local kept, removed = table.splice({ 1, 2, 3, 4, 5 }, 2, 2)
   tester:eq({ kept, removed }, { { 1, 4, 5 }, { 2, 3 } })
   tester:eq({ table.splice({ 1, 2, 3 }) }, { { 2, 3 }, { 1 } })
   local pruned = table.prune({ 3, 1, 3, 2, 1 })
   table.sort(pruned)
   tester:eq(pruned, { 1, 2, 3 })
   local merged = table.prune({ 'ab', 'ac', 'b' }, function(s) return s:sub(1, 1) end,
      function(new, old) return old .. new end)
   table.sort(merged)
   tester:eq(merged, { 'abac', 'b' })
   tester:asserteq(string.tosymbol('xlua.formatTime'), xlua.formatTime)
   tester:assertErrorPattern(function() string.tosymbol('xlua.noSuchThing') end,
      'symbol "xlua.noSuchThing" does not exist')
end

tester:add(tests)
return tester
