-- xlua.OptionParser (option kinds, defaults, failures, help and summaries) and
-- xlua.Profiler (event bookkeeping and reports, with the clocks replaced).
local xlua = require 'xlua'
local sys = require 'sys'
local tester = torch.Tester()
local tests = torch.TestSuite()

-- Run f() with the global `arg` set to `a` and the terminal output (io.write, io.stdout,
-- io.stderr, print) and os.exit captured.
-- RETURN: {out = stdout text, err = stderr text, exit = exit code (true for os.exit())
-- or nil, result = f's first result}
local function captured(a, f)
   local out, err = {}, {}
   local saved = { write = io.write, stdout = io.stdout, stderr = io.stderr, print = print,
      exit = os.exit, arg = rawget(_G, 'arg') }
   local exitMark = {}
   local function sink(into) return { write = function(_, s) into[#into + 1] = s end } end
   rawset(_G, 'arg', a)
   rawset(io, 'write', function(...)
      for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end
   end)
   rawset(io, 'stdout', sink(out))
   rawset(io, 'stderr', sink(err))
   rawset(_G, 'print', function(...)
      local parts = {}
      for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
      out[#out + 1] = table.concat(parts, '\t') .. '\n'
   end)
   rawset(os, 'exit', function(code)
      if code == nil then code = true end
      error({ exitMark, code })
   end)
   local ok, result = pcall(f)
   rawset(io, 'write', saved.write)
   rawset(io, 'stdout', saved.stdout)
   rawset(io, 'stderr', saved.stderr)
   rawset(_G, 'print', saved.print)
   rawset(os, 'exit', saved.exit)
   rawset(_G, 'arg', saved.arg)
   local r = { out = table.concat(out), err = table.concat(err), result = result }
   if not ok and type(result) == 'table' and result[1] == exitMark then
      r.exit, r.result = result[2], nil
   elseif not ok then
      error(result, 0)
   end
   return r
end

-- A script's arg table: the runner and script name, then `words`.
local function scriptArgs(words)
   local a = { [-1] = 'pytorch-bridge', [0] = 'train.lua' }
   for i, w in ipairs(words) do a[i] = w end
   return a
end

local function example()
   local op = xlua.OptionParser('%prog [options] data')
   op:option{ '-i', '--input', action = 'store', dest = 'input', help = 'input file',
      req = true }
   op:option{ '-n', '--count', dest = 'count', help = 'how many', default = 10 }
   op:option{ '-v', '--verbose', action = 'store_true', dest = 'verbose',
      help = 'talk more', default = false }
   op:option{ '-q', '--noisy', action = 'store_false', dest = 'noisy',
      help = 'talk less', default = true }
   op:option{ '--save-dir', dest = 'save', metavar = 'DIR', help = 'where to save' }
   return op
end

-- Parse `words` with the example parser. RETURN: captured result (result = {options, args})
local function parsed(words)
   return captured(scriptArgs(words), function()
      local options, args = example():parse()
      return { options, args }
   end)
end

local HELP = 'Usage: pytorch-bridge train.lua [options] data\n'
   .. '\n'
   .. 'Options:\n'
   .. '  -h, --help               show this help message and exit\n'
   .. '  -i INPUT, --input=INPUT  input file [REQUIRED]\n'
   .. '  -n COUNT, --count=COUNT  how many [default = 10]\n'
   .. '  -v, --verbose            talk more\n'
   .. '  -q, --noisy              talk less [default = true]\n'
   .. '  --save-dir=DIR           where to save\n'

function tests.constructorDeclaresHelp()
   local op = xlua.OptionParser('%prog x')
   tester:eq(op.usage, '%prog x')
   tester:eq(#op.option_descriptions, 1)
   tester:eq(op.option_of['-h'], op.option_descriptions[1])
   tester:eq(op.option_of['--help'], op.option_descriptions[1])
   tester:eq(op.option_of['-h'].action, 'store_true')
   tester:eq(op:option{ '-z', dest = 'z' }, op)
   tester:eq(op.option_of['-z'].dest, 'z')
end

function tests.parseAppliesDefaults()
   local r = parsed({ '-i', 'in.t7' })
   tester:eq(r.exit, nil)
   tester:eq(r.result[1], { input = 'in.t7', count = 10, verbose = false, noisy = true,
      __main__ = true })
   tester:eq(r.result[2], {})
end

function tests.parseReadsEveryOptionKind()
   local r = parsed({ 'a.csv', '-i', 'x', '--count', '3', '-v', 'b.csv', '--noisy',
      '--save-dir', '/tmp/out' })
   tester:eq(r.result[1], { input = 'x', count = '3', verbose = true, noisy = false,
      save = '/tmp/out', __main__ = true })
   tester:eq(r.result[2], { 'a.csv', 'b.csv' })
   r = parsed({ '--input=a=b', '--count=', '-q', '--verbose', '--save-dir=d' })
   tester:eq(r.result[1], { input = 'a=b', count = '', verbose = true, noisy = false,
      save = 'd', __main__ = true })
   -- the value of a store option is the next word, whatever it looks like
   r = parsed({ '-i', '-v' })
   tester:eq(r.result[1].input, '-v')
   tester:eq(r.result[1].verbose, false)
   -- the last given value wins
   r = parsed({ '-i', 'a', '--input', 'b' })
   tester:eq(r.result[1].input, 'b')
end

function tests.parseKeepsValuesAlreadyGiven()
   local r = captured(scriptArgs({ '-i', 'x' }), function()
      return (example():parse({ count = 7, extra = 'kept' }))
   end)
   tester:eq(r.result.count, 7)
   tester:eq(r.result.extra, 'kept')
   tester:eq(r.result.input, 'x')
end

function tests.parseWithoutArgIsNotMain()
   local op = example()
   local r = captured(nil, function() return { op:parse() } end)
   tester:eq(r.exit, nil)
   tester:eq(r.result[1], { count = 10, verbose = false, noisy = true, __main__ = false })
   tester:eq(r.result[2], {})
   tester:eq(op.options, r.result[1])
end

function tests.storeAtTheEndTakesTheDefaultOrFails()
   local r = parsed({ '-i', 'x', '-n' })
   tester:eq(r.exit, nil)
   tester:eq(r.result[1].count, 10)
   r = parsed({ '-i' })
   tester:eq(r.exit, 1)
   tester:eq(r.err, 'option requires an argument -i\n')
   tester:eq(r.out, HELP)
end

function tests.unknownOptionFails()
   for _, word in ipairs({ '-x', '--inputs', '--unknown=3', '-' }) do
      local r = parsed({ '-i', 'x', word })
      tester:eq(r.exit, 1)
      tester:eq(r.err, 'invalid option ' .. word:gsub('=.*', '') .. '\n')
      tester:eq(r.out, HELP)
   end
end

function tests.missingRequiredOptionFails()
   local r = parsed({ 'data.csv', '-v' })
   tester:eq(r.exit, 1)
   tester:eq(r.err, 'option -i requires an argument \n')
   tester:eq(r.out, HELP)
end

function tests.helpFlagPrintsHelpAndExits()
   for _, flag in ipairs({ '-h', '--help' }) do
      local r = parsed({ flag })  -- before the required -i is checked
      tester:eq(r.exit, true)
      tester:eq(r.err, '')
      tester:eq(r.out, HELP)
   end
end

function tests.helpNamesTheProgram()
   local op = xlua.OptionParser('%prog -x %prog')
   op:option{ '-x', '--xx', dest = 'x' }
   local r = captured({ [0] = 'a%b.lua' }, function() op:help() end)
   tester:eq(r.out, 'Usage: a%b.lua -x a%b.lua\n\nOptions:\n'
      .. '  -h, --help    show this help message and exit\n'
      .. '  -x X, --xx=X  \n')
   r = captured(nil, function() op:help() end)
   tester:eq(r.out:match('^[^\n]*'), 'Usage: THISPROG -x THISPROG')
end

function tests.flagsShowTheValueName()
   local op = example()
   tester:eq(op:flags(op.option_of['-i']), '-i INPUT, --input=INPUT')
   tester:eq(op:flags(op.option_of['-v']), '-v, --verbose')
   tester:eq(op:flags(op.option_of['--save-dir']), '--save-dir=DIR')
end

function tests.destDefaultsToTheLongFlag()
   local op = xlua.OptionParser('%prog')
   op:option{ '-l', '--learning-rate', default = 0.1 }
   op:option{ '-b' }
   local r = captured(scriptArgs({ '-b', '2' }), function() return (op:parse()) end)
   tester:eq(r.result, { learning_rate = 0.1, b = '2', __main__ = true })
end

function tests.badOptionDeclarationsRaise()
   local op = xlua.OptionParser('%prog')
   tester:assertErrorPattern(function() op:option{} end, 'xlua.OptionParser: .*flag')
   tester:assertErrorPattern(function() op:option{ '-a', action = 'append' } end,
      'xlua.OptionParser: unknown action append')
end

function tests.tostringListsTheOptions()
   local r = captured(scriptArgs({ '-i', 'data/in put', '-v' }), function()
      local op = example()
      op:parse()
      return { op:tostring(), op:tostring(true), op:tostring(true, { '-i', '-q' }) }
   end)
   tester:eq(r.result[1], '<train> configuration:\n'
      .. ' + __main__ = true\n'
      .. ' + count = 10\n'
      .. ' + input = data/in put\n'
      .. ' + noisy = true\n'
      .. ' + verbose = true\n')
   tester:eq(r.result[2], '-i=data|in_put,-n=10,-v=true,-q=true')
   tester:eq(r.result[3], '-i=data|in_put,-q=true')
   r = captured(nil, function()
      local op = example()
      op:parse()
      op:summarize()
      op:summarize(true)
   end)
   tester:eq(r.out, '<interpreted> configuration:\n + __main__ = false\n + count = 10\n'
      .. ' + noisy = true\n + verbose = false\n-n=10,-q=true')
end

-- Replace os.clock and sys.clock with counters set by the test while f runs.
local function withClocks(f)
   local saved = { cpu = os.clock, real = sys.clock }
   local now = { cpu = 0, real = 0 }
   rawset(os, 'clock', function() return now.cpu end)
   rawset(sys, 'clock', function() return now.real end)
   local ok, err = pcall(f, now)
   rawset(os, 'clock', saved.cpu)
   rawset(sys, 'clock', saved.real)
   if not ok then error(err, 0) end
end

function tests.profilerKeepsEventsInStartOrder()
   withClocks(function(now)
      local p = xlua.Profiler()
      tester:eq(p.off, false)
      tester:eq(p.verbose, false)
      now.cpu, now.real = 1, 10
      p:start('load')
      now.cpu, now.real = 2, 20
      p:start('train', 'fps')
      p:start('load')
      tester:eq(#p.list, 2)
      tester:eq(p.list[1], p.events.load)
      tester:eq(p.events.load, { name = 'load', cpu = 2, real = 20 })
      tester:eq(p.events.train, { name = 'train', cpu = 2, real = 20, fps = true })
      now.cpu, now.real = 3, 24
      local r, c = p:lap('train')
      tester:eq({ r, c }, { 4, 1 })
      now.cpu, now.real = 4, 28
      r, c = p:lap('load', 2)
      tester:eq({ r, c }, { 4, 1 })
      tester:eq(p:real('train', 4), 2)
      tester:eq(p:cpu('train'), 2)
      tester:eq(p.events.train.reald, 2)
      tester:eq(p.events.train.cpud, 2)
   end)
end

function tests.profilerReports()
   withClocks(function(now)
      local p = xlua.Profiler()
      p:start('a')
      p:start('b', 'fps')
      p:start('c')
      now.cpu, now.real = 0.5, 0.25
      p:lap('a')
      p:lap('b')
      tester:eq(p:format('a'), '$ real | cpu: 0.250000 | 0.500000 <a>')
      tester:eq(p:format('c'), '$ real | cpu: -1.000000 | -1.000000 <c>')
      local report = '$ profiler report:\n'
         .. '$ real 0.250000 | cpu 0.500000 <a>\n'
         .. '$ real 0.250000 | cpu 0.500000 <b> = 4.000000 fps\n'
         .. '$ real -1.000000 | cpu -1.000000 <c>'
      tester:eq(p:formatAll(), report)
      local r = captured(nil, function()
         p:print('a')
         p:printAll()
      end)
      tester:eq(r.out, '$ real | cpu: 0.250000 | 0.500000 <a>\n' .. report .. '\n')
      p.off = true
      r = captured(nil, function()
         p:print('a')
         p:printAll()
      end)
      tester:eq(r.out, '')
   end)
end

function tests.profilerOffAndVerbose()
   withClocks(function(now)
      tester:eq(xlua.Profiler('off').off, true)
      tester:eq(xlua.Profiler('on').off, false)
      local p = xlua.Profiler(nil, true)
      local r = captured(nil, function()
         p:start('step')
         now.cpu, now.real = 1, 2
         p:lap('step')
      end)
      tester:eq(r.out, '<step>\r$ real | cpu: 2.000000 | 1.000000 <step>\n')
      p = xlua.Profiler('off', true)
      r = captured(nil, function()
         p:start('step')
         p:lap('step')
      end)
      tester:eq(r.out, '<step>\r')
      tester:eq(p.events.step.reald, 0)
   end)
end

function tests.profilerUnknownEventRaises()
   local p = xlua.Profiler()
   for _, f in ipairs({ p.setColor, p.cpu, p.real, p.lap, p.format }) do
      tester:assertErrorPattern(function() f(p, 'nope', 1) end,
         'xlua.Profiler: there is no event named nope')
   end
   p:start('x')
   p:setColor('x', 'red')
   tester:eq(p.events.x.color, 'red')
end

function tests.profilerDisplayAllDrawsEachLine()
   withClocks(function(now)
      local p = xlua.Profiler()
      p:start('a')
      p:start('b')
      p:setColor('b', 'blue')
      now.cpu, now.real = 1, 1
      p:lap('a')
      local calls = {}
      local painter = {}
      for _, m in ipairs({ 'setfont', 'setcolor', 'moveto', 'show' }) do
         painter[m] = function(_, ...) calls[#calls + 1] = { m, ... } end
      end
      p:displayAll{ win = painter, x = 5, y = 7, zoom = 2 }
      tester:eq(calls, {
         { 'setcolor', 'black' }, { 'moveto', 5, 7 },
         { 'show', '$ real 1.000000 | cpu 1.000000 <a>' },
         { 'setcolor', 'blue' }, { 'moveto', 5, 79 },
         { 'show', '$ real -1.000000 | cpu -1.000000 <b>' } })
      tester:assertErrorPattern(function() p:displayAll{} end, 'needs a painter')
   end)
end

tester:add(tests)
return tester
