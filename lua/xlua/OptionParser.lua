-- xlua.OptionParser: a command-line parser in the style of Python's optparse, reading the
-- script's global `arg`. Loaded by `require 'xlua'`, onto the xlua table it makes.
local xlua = assert(rawget(_G, 'xlua'), "xlua.OptionParser: load it with require 'xlua'")

local OptionParser = {}
OptionParser.__index = OptionParser

-- An option's default dest: its first long (else first) flag, undashed ('a-b' -> 'a_b').
local function defaultDest(optdesc)
   local chosen = optdesc[1]
   for _, flag in ipairs(optdesc) do
      if flag:match('^%-%-') then chosen = flag break end
   end
   return (chosen:gsub('^%-+', ''):gsub('%-', '_'))
end

-- The program name in the usage line: the runner and script from `arg`.
local function programName()
   local a = rawget(_G, 'arg')
   if type(a) ~= 'table' or a[0] == nil then return 'THISPROG' end
   if a[-1] then return tostring(a[-1]) .. ' ' .. tostring(a[0]) end
   return tostring(a[0])
end

--[[ A parser whose help starts with `usage` ('%prog' stands for the program), with the
option -h/--help already declared. ARGS: usage (string) RETURN: the parser ]]
function xlua.OptionParser(usage)
   local self = setmetatable({}, OptionParser)
   self.usage = usage
   self.option_descriptions = {}
   self.option_of = {}
   self:option{ '-h', '--help', action = 'store_true', dest = 'help',
      help = 'show this help message and exit' }
   return self
end

--[[ Write `s` to stderr, print the help and end the program with status 1. ARGS: s ]]
function OptionParser:fail(s)
   io.stderr:write(s .. '\n')
   self:help()
   os.exit(1)
end

--[[ Declare an option: a table of flags ('-x', '--long') with the fields action (default
'store'), dest (default from the flags), default, help, metavar and req.
ARGS: optdesc RETURN: self ]]
function OptionParser:option(optdesc)
   if type(optdesc) ~= 'table' or type(optdesc[1]) ~= 'string' then
      error('xlua.OptionParser: an option needs at least one flag', 2)
   end
   local action = optdesc.action
   if action ~= nil and not ({ store = 1, store_true = 1, store_false = 1 })[action] then
      error('xlua.OptionParser: unknown action ' .. tostring(action), 2)
   end
   optdesc.dest = optdesc.dest or defaultDest(optdesc)
   self.option_descriptions[#self.option_descriptions + 1] = optdesc
   for _, flag in ipairs(optdesc) do self.option_of[flag] = optdesc end
   return self
end

-- The global `arg` with every '--name=value' split into '--name', 'value'.
local function expandedArguments(a)
   local list = {}
   for i = 1, #a do
      local v = tostring(a[i])
      local flag, value = v:match('^(%-%-[^=]+)=(.*)$')
      list[#list + 1] = flag or v
      if flag then list[#list + 1] = value end
   end
   return list
end

-- The value flag `v` (list[i], described by optdesc) sets, and the last position it used.
function OptionParser:__value__(optdesc, list, i, v)
   local action = optdesc.action
   if action == 'store_true' then return true, i end
   if action == 'store_false' then return false, i end
   local value = list[i + 1]
   if value == nil then value = optdesc.default end
   if value == nil then self:fail('option requires an argument ' .. v) end
   return value, i + 1
end

--[[ Parse the global `arg`: defaults first (into `options` when given), then the flags;
other words are the positional arguments. Sets options.__main__ to whether `arg` exists.
'-h'/'--help' prints the help and ends the program; an unknown flag, a missing value or
a missing required option fails (status 1). ARGS: options (optional table)
RETURN: options, args ]]
function OptionParser:parse(options)
   options = options or {}
   local args = {}
   for _, optdesc in ipairs(self.option_descriptions) do
      if optdesc.default ~= nil and options[optdesc.dest] == nil then
         options[optdesc.dest] = optdesc.default
      end
   end
   local a = rawget(_G, 'arg')
   options.__main__ = type(a) == 'table'
   self.options = options
   if not options.__main__ then return options, args end
   local list = expandedArguments(a)
   local i = 1
   while i <= #list do
      local v = list[i]
      local optdesc = self.option_of[v]
      if optdesc then
         options[optdesc.dest], i = self:__value__(optdesc, list, i, v)
      elseif v:match('^%-') then
         self:fail('invalid option ' .. v)
      else
         args[#args + 1] = v
      end
      i = i + 1
   end
   if options.help then
      self:help()
      os.exit()
   end
   for _, optdesc in ipairs(self.option_descriptions) do
      if optdesc.req and options[optdesc.dest] == nil then
         self:fail('option ' .. optdesc[1] .. ' requires an argument ')
      end
   end
   return options, args
end

--[[ The flags of an option as the help shows them: '-x VALUE, --long=VALUE' for options
that take a value (VALUE is metavar, else the upper-case dest). ARGS: optdesc
RETURN: string ]]
function OptionParser:flags(optdesc)
   local takesValue = optdesc.action == nil or optdesc.action == 'store'
   local metavar = optdesc.metavar or tostring(optdesc.dest):upper()
   local shown = {}
   for i, flag in ipairs(optdesc) do
      shown[i] = flag .. (not takesValue and '' or (#flag == 2 and ' ' or '=') .. metavar)
   end
   return table.concat(shown, ', ')
end

--[[ Print the usage line and a line per option (flags, help, required/default). ]]
function OptionParser:help()
   local program = programName():gsub('%%', '%%%%')
   local usage = tostring(self.usage or '%prog'):gsub('%%prog', program)
   local out = io.stdout
   out:write('Usage: ' .. usage .. '\n\nOptions:\n')
   local width = 0
   for _, optdesc in ipairs(self.option_descriptions) do
      width = math.max(width, #self:flags(optdesc))
   end
   for _, optdesc in ipairs(self.option_descriptions) do
      local flags = self:flags(optdesc)
      local note = ''
      if optdesc.req then
         note = ' [REQUIRED]'
      elseif optdesc.default then
         note = ' [default = ' .. tostring(optdesc.default) .. ']'
      end
      out:write('  ' .. flags .. (' '):rep(width - #flags) .. '  ' .. (optdesc.help or '')
         .. note .. '\n')
   end
end

--[[ The parsed options as text: a '<script> configuration:' header and ' + key = value'
lines sorted by key; with `generatefilename`, a run name 'flag=value,...' of the options
set and named in `params` (all when empty), '/' made '|', ' ' made '_'.
ARGS: generatefilename, params (optional) RETURN: string ]]
function OptionParser:tostring(generatefilename, params)
   local options = self.options or {}
   if not generatefilename then
      local a = rawget(_G, 'arg')
      local script = type(a) == 'table' and a[0] or 'interpreted.lua'
      local keys = {}
      for k in pairs(options) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      local lines = { '<' .. tostring(script):gsub('%.lua$', '') .. '> configuration:\n' }
      for _, k in ipairs(keys) do
         lines[#lines + 1] = ' + ' .. k .. ' = ' .. tostring(options[k]) .. '\n'
      end
      return table.concat(lines)
   end
   params = params or {}
   local wanted = {}
   for _, p in ipairs(params) do wanted[p] = true end
   local parts = {}
   for _, optdesc in ipairs(self.option_descriptions) do
      local key, value = optdesc[1], options[optdesc.dest]
      if value and (#params == 0 or wanted[key]) then
         parts[#parts + 1] = key .. '=' .. tostring(value)
      end
   end
   return (table.concat(parts, ','):gsub('/', '|'):gsub(' ', '_'))
end

--[[ Write self:tostring(compact, params) with io.write. ARGS: compact, params (optional) ]]
function OptionParser:summarize(compact, params)
   io.write(self:tostring(compact, params))
end

return xlua.OptionParser
