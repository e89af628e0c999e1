local Logger = torch.class('optim.Logger')

-- The folder part of a path ('.' when there is none).
local function dirname(path)
   local dir = path:match('^(.*)/[^/]*$')
   if dir == nil then return '.' end
   return dir == '' and '/' or dir
end

--[[ A tab-separated log of named values, one row per `add`, kept in memory for plotting.

ARGS:
- `filename`: optional file to write (its folder is created); without it rows go to stdout
- `timestamp`: optional; when true the current date and time are appended to the file name

RETURN: the logger, with fields `name`, `file`, `epsfile`, `symbols` (name -> list of
values), `styles`, `names`, `idx`, `showPlot`, `defaultStyle`, `logscale`
]]
function Logger:__init(filename, timestamp)
   if filename then
      self.name = filename
      os.execute('mkdir -p "' .. dirname(filename) .. '"')
      if timestamp then
         filename = filename .. '-' .. os.date('%Y_%m_%d_%X')
      end
      self.file = assert(io.open(filename, 'w'))
      self.epsfile = self.name .. '.eps'
   else
      self.file = io.stdout
      self.name = 'stdout'
      print('<Logger> warning: no path provided, logging to std out')
   end
   self.empty = true
   self.symbols = {}
   self.styles = {}
   self.names = {}
   self.idx = {}
   self.figure = nil
   self.showPlot = true
   self.plotRawCmd = nil
   self.defaultStyle = '+'
   self.logscale = false
end

--[[ Name the columns; later `add` calls then take plain lists in this order.
ARGS: `names`: list of column names. RETURN: self ]]
function Logger:setNames(names)
   self.names = names
   self.empty = false
   self.nsymbols = #names
   for k, name in pairs(names) do
      self.file:write(name .. '\t')
      self.symbols[k] = {}
      self.styles[k] = { self.defaultStyle }
      self.idx[name] = k
   end
   self.file:write('\n')
   self.file:flush()
   return self
end

--[[ Log one row. The first call without `setNames` writes the keys as the header.
ARGS: `symbols`: table of numbers (written as %11.4e) or strings ]]
function Logger:add(symbols)
   if self.empty then
      self.empty = false
      self.nsymbols = #symbols
      for k in pairs(symbols) do
         self.file:write(k .. '\t')
         self.symbols[k] = {}
         self.styles[k] = { self.defaultStyle }
         self.names[k] = k
      end
      self.idx = self.names
      self.file:write('\n')
   end
   for _, value in pairs(symbols) do
      if type(value) == 'number' then
         self.file:write(string.format('%11.4e', value) .. '\t')
      elseif type(value) == 'string' then
         self.file:write(value .. '\t')
      else
         error('optim.Logger.add: can only log numbers and strings', 2)
      end
   end
   self.file:write('\n')
   self.file:flush()
   for k, value in pairs(symbols) do
      table.insert(self.symbols[k], value)
   end
end

--[[ Set gnuplot styles per column. ARGS: `symbols`: name -> style string or list of
styles. RETURN: self ]]
function Logger:style(symbols)
   for name, style in pairs(symbols) do
      if type(style) == 'string' then
         self.styles[name] = { style }
      elseif type(style) == 'table' then
         self.styles[name] = style
      else
         error('optim.Logger.style: a style must be a string or a table of strings', 2)
      end
   end
   return self
end

--[[ Use a logarithmic y axis when plotting. ]]
function Logger:setlogscale(state)
   self.logscale = state
end

--[[ Show (or not) the plot window when plotting. ]]
function Logger:display(state)
   self.showPlot = state
end

--[[ Plot all columns, or the named ones; needs the `gnuplot` package, otherwise prints a
warning once and does nothing. ]]
function Logger:plot(...)
   local ok, gnuplot = pcall(require, 'gnuplot')
   if not ok then
      if not self.warned then
         print('<Logger> warning: cannot plot with this version of Torch')
         self.warned = true
      end
      return
   end
   local plots = {}
   local function addSymbol(name, values)
      if #values > 1 then
         local y = torch.Tensor(#values)
         for i, v in ipairs(values) do y[i] = v end
         for _, style in ipairs(self.styles[name]) do
            plots[#plots + 1] = { self.names[name], y, style }
         end
      end
   end
   if select('#', ...) == 0 or (...) == nil then
      for name, values in pairs(self.symbols) do addSymbol(name, values) end
   else
      for _, name in ipairs({ ... }) do addSymbol(self.idx[name], self.symbols[self.idx[name]]) end
   end
   if #plots == 0 then return end
   local function draw()
      if self.logscale then gnuplot.logscale('on') end
      gnuplot.plot(plots)
      if self.plotRawCmd then gnuplot.raw(self.plotRawCmd) end
      gnuplot.grid('on')
      gnuplot.title('<Logger::' .. self.name .. '>')
   end
   if self.showPlot then
      self.figure = gnuplot.figure(self.figure)
      draw()
   end
   if self.epsfile then
      os.remove(self.epsfile)
      local fig = gnuplot.epsfigure(self.epsfile)
      draw()
      gnuplot.plotflush()
      gnuplot.close(fig)
   end
end
