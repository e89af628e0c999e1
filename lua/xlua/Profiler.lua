-- xlua.Profiler: named timers that keep the real (wall) and cpu time since their last
-- start, and print them one by one or as a report. Real time comes from sys.clock, cpu
-- time from os.clock. Loaded by `require 'xlua'`, onto the xlua table it makes.
local xlua = assert(rawget(_G, 'xlua'), "xlua.Profiler: load it with require 'xlua'")
local sys = require 'sys'

local Profiler = {}
Profiler.__index = Profiler

--[[ A profiler; mode 'off' keeps the timings but prints nothing, `verbose` prints each
event as it starts and ends. ARGS: mode, verbose (optional) RETURN: the profiler ]]
function xlua.Profiler(mode, verbose)
   local self = setmetatable({}, Profiler)
   self.events = {}
   self.list = {}
   self.off = mode == 'off'
   self.verbose = verbose or false
   return self
end

-- The event named `name`, or an error naming it.
function Profiler:__event__(name)
   local event = self.events[name]
   if not event then
      error('xlua.Profiler: there is no event named ' .. tostring(name) .. ', start it first', 3)
   end
   return event
end

--[[ Start (or restart) the timers of event `name`; with fps == 'fps' the report also
shows it as frames per second. ARGS: name, fps (optional) ]]
function Profiler:start(name, fps)
   local event = self.events[name]
   if not event then
      event = { name = name }
      self.events[name] = event
      self.list[#self.list + 1] = event
   end
   event.cpu, event.real = os.clock(), sys.clock()
   if fps == 'fps' then event.fps = true end
   if self.verbose then
      io.write('<' .. tostring(name) .. '>')
      io.flush()
   end
end

--[[ Set the colour displayAll draws event `name` in. ARGS: name, color ]]
function Profiler:setColor(name, color)
   self:__event__(name).color = color
end

--[[ The cpu time since event `name` started, divided by `divider` when given; kept as
the event's cpud. ARGS: name, divider (optional) RETURN: seconds ]]
function Profiler:cpu(name, divider)
   local event = self:__event__(name)
   local delta = os.clock() - event.cpu
   if divider then delta = delta / divider end
   event.cpud = delta
   return delta
end

--[[ The real time since event `name` started, divided by `divider` when given; kept as
the event's reald. ARGS: name, divider (optional) RETURN: seconds ]]
function Profiler:real(name, divider)
   local event = self:__event__(name)
   local delta = sys.clock() - event.real
   if divider then delta = delta / divider end
   event.reald = delta
   return delta
end

--[[ Record the real and cpu times of event `name` (see real and cpu); verbose profilers
print them. ARGS: name, divider (optional) RETURN: real, cpu ]]
function Profiler:lap(name, divider)
   local r = self:real(name, divider)
   local c = self:cpu(name, divider)
   if self.verbose then
      io.write('\r')
      self:print(name)
   end
   return r, c
end

--[[ The last recorded times of event `name` as one line (-1 when not recorded yet).
ARGS: name RETURN: string ]]
function Profiler:format(name)
   local event = self:__event__(name)
   return string.format('$ real | cpu: %f | %f <%s>', event.reald or -1, event.cpud or -1,
      tostring(name))
end

--[[ Print self:format(name), unless the profiler is off. ARGS: name ]]
function Profiler:print(name)
   if not self.off then print(self:format(name)) end
end

-- One event's line in the report, with the frame rate for 'fps' events.
local function eventLine(event)
   local line = string.format('$ real %f | cpu %f <%s>', event.reald or -1, event.cpud or -1,
      tostring(event.name))
   if event.fps then line = line .. string.format(' = %f fps', 1 / (event.reald or -1)) end
   return line
end

--[[ The report: a title line, then one line per event in the order they were first
started. RETURN: string ]]
function Profiler:formatAll()
   local lines = { '$ profiler report:' }
   for _, event in ipairs(self.list) do lines[#lines + 1] = eventLine(event) end
   return table.concat(lines, '\n')
end

--[[ Print the report, unless the profiler is off. ]]
function Profiler:printAll()
   if not self.off then print(self:formatAll()) end
end

--[[ Draw the report lines on a painter (args.painter or args.win), from (args.x, args.y),
each in its event's colour (black by default), 1.5 font sizes apart; the font size is
args.font, else 24 * args.zoom. The font is set through qt when qt is loaded.
ARGS: args (table) ]]
function Profiler:displayAll(args)
   args = args or {}
   local painter = args.painter or args.win
   if not painter then error('xlua.Profiler: displayAll needs a painter', 2) end
   local x, y = args.x or 0, args.y or 0
   local font = args.font or 24 * (args.zoom or 1)
   local qt = rawget(_G, 'qt')
   if qt then painter:setfont(qt.QFont{ serif = false, italic = false, size = font }) end
   if self.off then return end
   for _, event in ipairs(self.list) do
      painter:setcolor(event.color or 'black')
      painter:moveto(x, y)
      y = y + font * 1.5
      painter:show(eventLine(event))
   end
end

return xlua.Profiler
