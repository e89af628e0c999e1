-- torch.CmdLine: Torch7's command-line parser for experiment scripts. Options with
-- defaults, positional arguments, a generated help text, a directory name built from
-- the options that differ from their defaults, and a log that copies `print` to a file.
local torch = ...

local CmdLine = torch.class('torch.CmdLine')

-- A key without its leading dashes ('-lr' -> 'lr').
local function strip(key)
   return key:match('^%-*(.*)')
end

local function pad(str, width)
   return str .. string.rep(' ', width - #str)
end

--[[ A parser. ARGS: argseparator (string, default ','), keyseparator (default '=');
both are used by `string`. ]]
function CmdLine:__init(argseparator, keyseparator)
   self.argseparator = argseparator or ','
   self.keyseparator = keyseparator or '='
   self.options = {}
   self.arguments = {}
   self.helplines = {}
   self.dateformat = nil
   self.silentio = false
end

--[[ Print `msg` and the help to the terminal, then end the program with status 1. ]]
function CmdLine:error(msg)
   print('')
   io.stderr:write(msg)
   print('')
   self:help()
   os.exit(1)
end

--[[ Store argument number `nArgument` (arg[i]) in params. RETURN: arguments consumed ]]
function CmdLine:__readArgument__(params, arg, i, nArgument)
   local value = arg[i]
   if nArgument > #self.arguments then
      self:error('invalid argument: ' .. tostring(value))
   end
   local argument = self.arguments[nArgument]
   if argument.type and type(value) ~= argument.type then
      self:error('invalid argument type for argument ' .. argument.key .. ' (should be '
         .. argument.type .. ')')
   end
   params[strip(argument.key)] = value
   return 1
end

--[[ Store option arg[i] (and its value, arg[i + 1]) in params. RETURN: arguments consumed ]]
function CmdLine:__readOption__(params, arg, i)
   local key = arg[i]
   local option = self.options[key]
   if not option then self:error('unknown option ' .. tostring(key)) end
   if option.type == 'boolean' then
      params[strip(key)] = not option.default
      return 1
   end
   local value = arg[i + 1]
   if not value then self:error('missing argument for option ' .. key) end
   if option.type == 'number' then
      value = tonumber(value)
   elseif option.type and option.type ~= 'string' then
      self:error('unknown required option type ' .. option.type)
   end
   if not value then
      self:error('invalid type for option ' .. key .. ' (should be ' .. option.type .. ')')
   end
   params[strip(key)] = value
   return 2
end

--[[ Write only to the log file, not to the terminal, once `log` is set up. ]]
function CmdLine:silent()
   self.silentio = true
end

--[[ Start every line of the log file with the date in `format` (os.date's, default
'%Y-%m-%d %H:%M:%S') followed by '[name]: ' when a name is given. ]]
function CmdLine:addTime(name, format)
   format = format or '%Y-%m-%d %H:%M:%S'
   if type(format) ~= 'string' then error('Argument has to be string', 2) end
   self.dateformat = format .. (name ~= nil and ('[' .. name .. ']: ') or '')
end

--[[ Declare positional argument `key` with its help text and optional Lua type. ]]
function CmdLine:argument(key, help, type_)
   local argument = { key = key, help = help, type = type_ }
   self.arguments[#self.arguments + 1] = argument
   self.helplines[#self.helplines + 1] = argument
end

--[[ Declare option `key` ('-name') with its default value, help text and type (the
default's type when omitted: 'number', 'string' or 'boolean'). ]]
function CmdLine:option(key, default, help, type_)
   if default == nil then error('option ' .. key .. ' has no default value', 2) end
   type_ = type_ or type(default)
   if type(default) ~= type_ then error('option ' .. key .. ' has wrong default type value', 2) end
   local option = { key = key, default = default, help = help, type = type_ }
   self.options[key] = option
   self.helplines[#self.helplines + 1] = option
end

--[[ The table of option defaults, keyed by name without dashes. ]]
function CmdLine:default()
   local params = {}
   for key, option in pairs(self.options) do params[strip(key)] = option.default end
   return params
end

--[[ Parse the list `arg` (a script's `arg` table). '-h', '-help' and '--help' print the
help and exit; errors print a message and the help and exit with status 1.
RETURN: table of option and argument values ]]
function CmdLine:parse(arg)
   local params = self:default()
   local i, nArgument = 1, 0
   while i <= #arg do
      local a = arg[i]
      if a == '-help' or a == '-h' or a == '--help' then
         self:help(arg)
         os.exit(0)
      end
      if self.options[a] then
         i = i + self:__readOption__(params, arg, i)
      else
         nArgument = nArgument + 1
         i = i + self:__readArgument__(params, arg, i, nArgument)
      end
   end
   if nArgument ~= #self.arguments then self:error('not enough arguments') end
   return params
end

--[[ A name for the run: `prefix`, then the arguments and the options that differ from
their defaults as key=value, joined by the argument separator. `ignore` lists names to
leave out (true) or to include even at their default (false).
RETURN: string ]]
function CmdLine:string(prefix, params, ignore)
   prefix = prefix or ''
   ignore = ignore or {}
   local arguments, options = {}, {}
   for k, v in pairs(params) do
      local option = self.options['-' .. k]
      if ignore[k] then
         print('-- ignore option ' .. k)
      elseif option then
         if v ~= option.default or ignore[k] == false then
            if type(v) == 'boolean' then v = v and 't' or 'f' end
            options[#options + 1] = k .. self.keyseparator .. tostring(v)
            print(k, v, option.default)
         end
      else
         local position
         for n, argument in ipairs(self.arguments) do
            if strip(argument.key) == k then position = n end
         end
         if position then
            arguments[position] = k .. self.keyseparator .. tostring(v)
         else
            print('WARNING: unknown option/argument: ' .. k .. ' IGNORING for DIRECTORY NAME')
         end
      end
   end
   table.sort(options)
   local str = table.concat(arguments, self.argseparator)
   local opts = table.concat(options, self.argseparator)
   if str == '' then str = opts else str = str .. self.argseparator .. opts end
   if str == '' then return prefix end
   return prefix .. self.argseparator .. str
end

local terminalPrint   -- the `print` in place before the first `log` call

--[[ Copy everything printed from now on to `file` (a path or an open file), and print
the start date and `params`. ]]
function CmdLine:log(file, params)
   local f = io.type(file) == 'file' and file or assert(io.open(file, 'w'))
   terminalPrint = terminalPrint or print
   _G.print = function(...)
      local n = select('#', ...)
      if not self.silentio then terminalPrint(...) end
      local parts = {}
      if self.dateformat then parts[#parts + 1] = os.date(self.dateformat) end
      for i = 1, n do parts[#parts + 1] = tostring((select(i, ...))) end
      parts[#parts + 1] = '\n'
      f:write(table.concat(parts, ' '))
      f:flush()
   end
   print('[program started on ' .. os.date() .. ']')
   print('[command line arguments]')
   if params then
      for k, v in pairs(params) do print(k, v) end
   end
   print('[----------------------]')
end

--[[ Add a line of text to the help (an empty line when `txt` is nil). ]]
function CmdLine:text(txt)
   txt = txt or ''
   if type(txt) ~= 'string' then error('torch.CmdLine.text: expected a string', 2) end
   self.helplines[#self.helplines + 1] = txt
end

--[[ Write the usage line and the help of every option, argument and text line. ]]
function CmdLine:help(arg)
   io.write('Usage: ')
   if arg and arg[0] then io.write(arg[0] .. ' ') end
   io.write('[options]')
   for _, argument in ipairs(self.arguments) do io.write(' <' .. strip(argument.key) .. '>') end
   io.write('\n')
   local width = 0
   for _, line in ipairs(self.helplines) do
      if type(line) == 'table' then
         local w = line.default ~= nil and #line.key or #strip(line.key) + 2
         if w > width then width = w end
      end
   end
   for _, line in ipairs(self.helplines) do
      if type(line) == 'table' then
         io.write('  ')
         if line.default ~= nil then
            io.write(pad(line.key, width))
            if line.help then io.write(' ' .. line.help) end
            io.write(' [' .. tostring(line.default) .. ']')
         else
            io.write(pad('<' .. strip(line.key) .. '>', width))
            if line.help then io.write(' ' .. line.help) end
         end
      else
         io.write(line)
      end
      io.write('\n')
   end
end
