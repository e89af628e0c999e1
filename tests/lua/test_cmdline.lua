-- The script utilities: torch.CmdLine (parsing, help text, error exits, run names and
-- logging) and torch.Timer.
local tester = torch.Tester()
local tests = torch.TestSuite()

-- Run f() with the terminal output (io.write, print, io.stderr) and os.exit captured.
-- RETURN: {out = written text, err = stderr text, exit = exit code or nil, ok, result}
local function captured(f)
   local out, err = {}, {}
   local saved = { write = io.write, stderr = io.stderr, print = print, exit = os.exit }
   local exitMark = {}
   rawset(io, 'write', function(...)
      for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end
   end)
   rawset(io, 'stderr', { write = function(_, s) err[#err + 1] = s end })
   rawset(_G, 'print', function(...)
      local parts = {}
      for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
      out[#out + 1] = table.concat(parts, '\t') .. '\n'
   end)
   rawset(os, 'exit', function(code) error({ exitMark, code }) end)
   local ok, result = pcall(f)
   rawset(io, 'write', saved.write)
   rawset(io, 'stderr', saved.stderr)
   rawset(_G, 'print', saved.print)
   rawset(os, 'exit', saved.exit)
   local r = { out = table.concat(out), err = table.concat(err), ok = ok, result = result }
   if not ok and type(result) == 'table' and result[1] == exitMark then
      r.exit, r.ok, r.result = result[2], true, nil
   elseif not ok then
      error(result, 0)
   end
   return r
end

local function example()
   local cmd = torch.CmdLine()
   cmd:text()
   cmd:text('Training a simple network')
   cmd:text()
   cmd:text('Options')
   cmd:option('-seed', 123, 'initial random seed')
   cmd:option('-booloption', false, 'boolean option')
   cmd:option('-stroption', 'mystring', 'string option')
   cmd:argument('-data', 'data file')
   cmd:text()
   return cmd
end

local HELP = 'Usage: train.lua [options] <data>\n'
   .. '\n'
   .. 'Training a simple network\n'
   .. '\n'
   .. 'Options\n'
   .. '  -seed       initial random seed [123]\n'
   .. '  -booloption boolean option [false]\n'
   .. '  -stroption  string option [mystring]\n'
   .. '  <data>      data file\n'
   .. '\n'

function tests.parseAppliesDefaultsOptionsAndArguments()
   local cmd = example()
   local p = cmd:parse({ 'train.csv' })
   tester:eq(p, { seed = 123, booloption = false, stroption = 'mystring', data = 'train.csv' })
   p = cmd:parse({ '-seed', '7.5', 'x.csv', '-booloption', '-stroption', 'abc' })
   tester:eq(p, { seed = 7.5, booloption = true, stroption = 'abc', data = 'x.csv' })
   tester:eq(cmd:default(), { seed = 123, booloption = false, stroption = 'mystring' })
end

function tests.helpTextLayout()
   local r = captured(function() example():help({ [0] = 'train.lua' }) end)
   tester:eq(r.out, HELP)
   r = captured(function() example():help() end)
   tester:eq(r.out, (HELP:gsub('train%.lua ', '')))
end

function tests.helpFlagPrintsHelpAndExits()
   for _, flag in ipairs({ '-h', '-help', '--help' }) do
      local r = captured(function() example():parse({ [0] = 'train.lua', flag }) end)
      tester:eq(r.exit, 0)
      tester:eq(r.out, HELP)
   end
end

function tests.errorsPrintTheMessageAndHelpThenExit()
   local cases = {
      { { 'a.csv', '-foo' }, 'invalid argument: -foo' },
      { { 'a.csv', '-seed' }, 'missing argument for option -seed' },
      { { 'a.csv', '-seed', 'ten' }, 'invalid type for option -seed (should be number)' },
      { {}, 'not enough arguments' },
   }
   for _, case in ipairs(cases) do
      local r = captured(function() example():parse(case[1]) end)
      tester:eq(r.exit, 1)
      tester:eq(r.err, case[2])
      tester:eq(r.out, '\n\n' .. HELP:gsub('train%.lua ', ''))
   end
end

function tests.optionDeclarationsAreChecked()
   local cmd = torch.CmdLine()
   tester:assertErrorPattern(function() cmd:option('-x') end, 'option %-x has no default value')
   tester:assertErrorPattern(function() cmd:option('-x', 1, 'help', 'string') end,
      'option %-x has wrong default type value')
   tester:assertErrorPattern(function() cmd:addTime('n', 5) end, 'Argument has to be string')
end

function tests.stringNamesTheRunFromChangedOptions()
   local cmd = example()
   local r = captured(function()
      local p = cmd:parse({ '-seed', '456', '-stroption', 'custom', 'd.csv' })
      p.dir = 'somewhere'
      return cmd:string('experiment', p, { dir = true })
   end)
   tester:eq(r.result, 'experiment,data=d.csv,seed=456,stroption=custom')
   tester:assert(r.out:find('-- ignore option dir\n', 1, true) ~= nil, r.out)
   r = captured(function()
      return cmd:string('run', cmd:parse({ '-booloption', 'd' }), { data = true })
   end)
   tester:eq(r.result, 'run,booloption=t')
   r = captured(function()
      return cmd:string('run', cmd:parse({ 'd' }), { data = true, seed = false })
   end)
   tester:eq(r.result, 'run,seed=123')
   local semi = torch.CmdLine(';', ':')
   semi:option('-lr', 0.1, 'rate')
   r = captured(function() return semi:string('', { lr = 0.5 }, {}) end)
   tester:eq(r.result, ';lr:0.5')
   r = captured(function() return semi:string('base', { lr = 0.1 }, {}) end)
   tester:eq(r.result, 'base')
end

function tests.logCopiesPrintToAFile()
   local cmd = torch.CmdLine()
   cmd:option('-lr', 0.1, 'rate')
   local path = os.tmpname()
   local realPrint = print
   cmd:silent()
   cmd:log(path, { lr = 0.5 })
   print('hello', 3)
   cmd:addTime('proj', '%Y')
   print('stamped')
   rawset(_G, 'print', realPrint)
   local text = io.open(path):read('*a')
   os.remove(path)
   local lines = {}
   for line in text:gmatch('([^\n]*)\n') do lines[#lines + 1] = line end
   tester:assert(lines[1]:match('^%[program started on .+%] $') ~= nil, lines[1])
   tester:eq(lines[2], '[command line arguments] ')
   tester:eq(lines[3], 'lr 0.5 ')
   tester:eq(lines[4], '[----------------------] ')
   tester:eq(lines[5], 'hello 3 ')
   tester:assert(lines[6]:match('^%d%d%d%d%[proj%]:  stamped $') ~= nil, lines[6])
end

local function spin(seconds)
   local t0 = os.clock()
   local x = 0
   while os.clock() - t0 < seconds do x = x + math.sin(x) end
   return x
end

function tests.timerMeasuresRunningTime()
   local timer = torch.Timer()
   spin(0.05)
   local t = timer:time()
   tester:assertge(t.real, 0.04)
   tester:assertge(t.user + t.sys, 0.04)
   tester:assertge(t.sys, 0)
   tester:eq(tostring(timer), 'torch.Timer [status: running]')
end

function tests.timerStopResumeAndReset()
   local timer = torch.Timer()
   spin(0.02)
   tester:eq(timer:stop(), timer)
   local stopped = timer:time()
   spin(0.03)
   tester:eq(timer:time(), stopped)
   tester:eq(tostring(timer), 'torch.Timer [status: stopped]')
   tester:eq(timer:resume(), timer)
   spin(0.02)
   local resumed = timer:time()
   tester:assertgt(resumed.real, stopped.real)
   tester:assertlt(resumed.real, stopped.real + 0.03 + 0.5)
   timer:stop()
   tester:eq(timer:reset(), timer)
   tester:eq(timer:time(), { real = 0, user = 0, sys = 0 })
   tester:eq(tostring(timer), 'torch.Timer [status: stopped]')
   timer:resume()
   tester:assertge(timer:time().real, 0)
end

tester:add(tests)
return tester
