-- xlua: Torch7's Lua helpers: a table-aware print, session logging, listing and clearing
-- globals, time formatting, the text progress bar, coloured errors, named-argument
-- unpacking with generated usage text, and a few additions to `table` and `string`
-- (table.splice, table.prune, string.split, string.tosymbol). It also sets the globals
-- xprint, xerror and xrequire. xlua.OptionParser (command-line options) and xlua.Profiler
-- (named timers) live in OptionParser.lua and Profiler.lua.
local sys = require 'sys'
local paths = require 'paths'

xlua = {}
local xlua = xlua

-- The globals that existed when xlua was loaded: who() and clearall() leave them alone.
local protected = {}
for name in pairs(_G) do protected[name] = true end

local function isLib(name) return name ~= '_G' and package.loaded[name] ~= nil end

-- One table entry as xlua.print shows it: long values are cut, objects are not expanded.
local function entryText(k, v)
   local text
   if type(v) == 'userdata' or type(v) == 'cdata' then
      text = '<userdata>'
   else
      text = tostring(v):gsub('\n', '\\n')
      if #text > 40 then text = text:sub(1, 40) .. sys.COLORS.none .. ' ... ' end
   end
   return '[' .. tostring(k) .. '] = ' .. text
end

--[[ Print `obj`: a plain table one level deep, an object through its __tostring__; more
arguments follow after four spaces, as print shows them. ARGS: obj, ... RETURN: nothing ]]
function xlua.print(obj, ...)
   local mt = type(obj) == 'table' and getmetatable(obj)
   if type(obj) ~= 'table' then
      io.write(tostring(obj))
   elseif mt and mt.__tostring__ then
      io.write(mt.__tostring__(obj))
   else
      local name, lines = tostring(obj), {}
      if not name:find('table: ', 1, true) then
         local usage = obj.usage
         io.write(type(usage) == 'string' and usage .. '\n\nFIELDS:\n' or name .. ':\n')
      end
      for k, v in pairs(obj) do lines[#lines + 1] = entryText(k, v) end
      io.write('{', table.concat(lines, ',\n '), '}')
   end
   io.write(select('#', ...) > 0 and '    ' or '\n')
   if select('#', ...) > 0 then print(...) end
end
rawset(_G, 'xprint', xlua.print)

--[[ Copy all io.write output from now on to `file` (appended to when `append`); print
becomes xlua.print, the old ones stay as io._write, _G._print. ARGS: file, append ]]
function xlua.log(file, append)
   paths.mkdir(paths.dirname(file))
   local f = assert(io.open(file, append and 'a' or 'w'))
   local write = io.write
   rawset(io, '_write', write)
   rawset(_G, '_print', print)
   rawset(_G, 'print', xlua.print)
   rawset(io, 'write', function(...)
      write(...)
      for i = 1, select('#', ...) do f:write((select(i, ...))) end
      f:flush()
   end)
end

--[[ Remove (and unload) every global made after xlua was loaded, then collect garbage. ]]
function xlua.clearall()
   for name in pairs(_G) do
      if not protected[name] then
         if isLib(name) then package.loaded[name] = nil end
         _G[name] = nil
      end
   end
   collectgarbage()
end

--[[ Remove the global `var` and collect garbage. ARGS: var (name) ]]
function xlua.clear(var)
   _G[var] = nil
   collectgarbage()
end

--[[ Print the global packages and the globals made after xlua was loaded. ]]
function xlua.who()
   local libs, vars = {}, {}
   for name, value in pairs(_G) do
      if isLib(name) then
         libs[#libs + 1] = name
      elseif not protected[name] then
         vars[name] = value
      end
   end
   table.sort(libs)
   for _, item in ipairs({ '', 'Global Libs:', libs, '', 'Global Vars:', vars, '' }) do
      xlua.print(item)
   end
end

--[[ A duration as at most two units, largest first: days 'D', hours 'h', minutes 'm',
seconds 's', milliseconds 'ms' ('1D3h', '2m5s', '12ms'); '0ms' under a millisecond.
ARGS: seconds RETURN: string ]]
function xlua.formatTime(seconds)
   local parts = {}
   for _, unit in ipairs({ { 86400, 'D' }, { 3600, 'h' }, { 60, 'm' }, { 1, 's' } }) do
      local n = math.floor(seconds / unit[1])
      seconds = seconds - n * unit[1]
      if n > 0 and #parts < 2 then parts[#parts + 1] = n .. unit[2] end
   end
   local ms = math.floor(seconds * 1000)
   if ms > 0 and #parts < 2 then parts[#parts + 1] = ms .. 'ms' end
   return #parts > 0 and table.concat(parts) or '0ms'
end

-- The terminal width from `tput cols` (80 when unknown), at most 120.
local function terminalWidth()
   local pipe = io.popen('tput cols 2>/dev/null', 'r')
   local width = pipe and tonumber(pipe:read('*a'))
   if pipe then pipe:close() end
   return math.min(width or 80, 120)
end

local bar = { done = true, previous = -1, width = terminalWidth() }

--[[ Draw the progress bar for `current` out of `goal` on one terminal line: the bar, the
time left (ETA) or taken (Tot), the time per step and 'current/goal'. The line ends when
`current` reaches `goal`; a call with a smaller position afterwards starts a new bar.
ARGS: current, goal RETURN: nothing ]]
function xlua.progress(current, goal)
   local length = bar.width - 34
   local percent = math.floor(current * length / goal)
   if bar.done and (bar.previous == -1 or percent < bar.previous) then
      bar.done, bar.start = false, sys.clock()
      bar.times, bar.indices = { 0 }, { current }
   else
      io.write('\r')
      if bar.done then return end
   end
   bar.previous = percent
   local cells = {}
   for i = 1, length do cells[i] = i < percent and '=' or i == percent and '>' or '.' end
   local pad = bar.width - length - 4
   io.write(' [', table.concat(cells), '] ', (' '):rep(pad), ('\b'):rep(pad))
   local elapsed = sys.clock() - bar.start
   local step = 0
   if current ~= bar.indices[1] then
      step = (elapsed - bar.times[1]) / (current - bar.indices[1])
   end
   bar.indices[#bar.indices + 1], bar.times[#bar.times + 1] = current, elapsed
   if #bar.indices > 100 then  -- the step is averaged over the last 100 calls
      table.remove(bar.indices, 1)
      table.remove(bar.times, 1)
   end
   local remaining = math.max(0, (goal - current) * step)
   local stats = percent < length and ' ETA: ' .. xlua.formatTime(remaining)
      or ' Tot: ' .. xlua.formatTime(elapsed)
   stats = stats .. ' | Step: ' .. xlua.formatTime(step)
   io.write(stats, ('\b'):rep(math.floor(5 + #stats + length / 2)), ' ', current, '/', goal, ' ')
   if percent >= length then
      bar.done = true
      io.write('\n')
   end
   io.write('\r')
   io.flush()
end

--[[ Raise `message` in red, prefixed with '<domain> ' when a domain is given and followed
by the `usage` text when one is given. ARGS: message, domain, usage (optional) ]]
function xlua.error(message, domain, usage)
   local c = sys.COLORS
   if domain then message = '<' .. domain .. '> ' .. tostring(message) end
   local text = c.Red .. tostring(message) .. c.none
   if usage then text = text .. '\n' .. tostring(usage) end
   error(text, 2)
end
rawset(_G, 'xerror', xlua.error)

--[[ Call `try`; when it raises, call `catch` with the error. ARGS: try, catch ]]
function xlua.trycatch(try, catch)
   local ok, err = pcall(try)
   if not ok then catch(err) end
end

--[[ Whether package `name` can be found on package.path or package.cpath, and the file
found. ARGS: name RETURN: boolean, file name or nil ]]
function xlua.installed(name)
   local file = name:gsub('%.', '/')
   for template in (package.path .. ';' .. package.cpath):gmatch('[^;]+') do
      local candidate = template:gsub('%?', (file:gsub('%%', '%%%%')))
      if paths.filep(candidate) then return true, candidate end
   end
   return false
end

--[[ require(name), or print the error and a warning and give back false when it fails.
The luarocks and server arguments of Torch7's version are accepted and ignored.
ARGS: name RETURN: the package or false ]]
function xlua.require(name)
   local ok, result = pcall(require, name)
   if ok then return result end
   print(result)
   print('warning: <' .. tostring(name) .. '> could not be loaded (is it installed?)')
   return false
end
rawset(_G, 'xrequire', xlua.require)

-- table2string, usage, unpack, unpack_class and usage_module.
require 'xlua.usage'

--[[ Values read from environment variables named after the keys of `default`, converted
to the type of the default (numbers; 'true'/'True'/'false'/'False' for booleans); keys
without a variable keep the default. ARGS: default (table) RETURN: table ]]
function xlua.envparams(default)
   local params = {}
   local booleans = { ['true'] = true, True = true, ['false'] = false, False = false }
   for k, v in pairs(default) do
      local env = os.getenv(k)
      if env == nil then
         params[k] = v
      elseif type(v) == 'number' then
         params[k] = tonumber(env) or error('xlua.envparams: ' .. k .. ' is not a number', 2)
      elseif type(v) == 'boolean' and booleans[env] ~= nil then
         params[k] = booleans[env]
      else
         params[k] = env
      end
   end
   return params
end

-- luacheck: push ignore 142
--[[ The list `tbl` without the `length` (1) items from `start` (1), and the items taken
out. ARGS: tbl, start, length RETURN: kept, removed ]]
function table.splice(tbl, start, length)
   start, length = start or 1, length or 1
   local kept, removed = {}, {}
   for i, v in ipairs(tbl) do
      local into = (i >= start and i < start + length) and removed or kept
      into[#into + 1] = v
   end
   return kept, removed
end

--[[ The items of list `tbl` without duplicates (by `hash(item)`, the item itself by
default); `merge(new, kept)` combines duplicates, else the last one stays. The order is not
kept. ARGS: tbl, hash, merge (optional) RETURN: table ]]
function table.prune(tbl, hash, merge)
   hash = hash or function(v) return v end
   local byHash, out = {}, {}
   for _, v in ipairs(tbl) do
      local h = hash(v)
      if merge and byHash[h] then v = merge(v, byHash[h]) end
      byHash[h] = v
   end
   for _, v in pairs(byHash) do out[#out + 1] = v end
   return out
end

--[[ sys.split as a string method. ARGS: str, pat RETURN: table of strings ]]
string.split = sys.split

--[[ The value the Lua expression `str` names ('nn.Linear'); raises when it is nil or
false or cannot be evaluated. ARGS: str RETURN: value ]]
function string.tosymbol(str)
   local chunk, err = loadstring('return ' .. str)
   if not chunk then error(err, 2) end
   local ok, result = pcall(chunk)
   if not ok then error(result, 2) end
   if not result then error('symbol "' .. str .. '" does not exist', 2) end
   return result
end
-- luacheck: pop

require 'xlua.OptionParser'
require 'xlua.Profiler'

return xlua
