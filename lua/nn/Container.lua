local Container, parent = torch.class('nn.Container', 'nn.Module')

--[[ Base class of modules holding other modules in the list `modules`. ]]
function Container:__init(...)
   parent.__init(self, ...)
   self.modules = {}
end

function Container:reset(stdv)
   self:applyToModules(function(m) m:reset(stdv) end)
end

--[[ Append `module`. RETURN: self ]]
function Container:add(module)
   table.insert(self.modules, module)
   return self
end

function Container:get(index)
   return self.modules[index]
end

function Container:size()
   return #self.modules
end

-- Closes the innermost report: the traceback above it is where the error happened, while
-- the one Lua prints after a rethrow only shows the containers that passed it on.
local TRACEBACK_NOTE = 'NOTE: the stack traceback above is where the error happened; '
   .. 'a traceback printed below it only shows the containers that passed the error on.'
Container._tracebackNote = TRACEBACK_NOTE

-- The container and child position whose call is under way, for the error handler below: a
-- handler made per call (a closure) would stop LuaJIT from compiling any forward or backward
-- through a container. rethrowErrors restores the outer values before passing an error on,
-- so each level's handler sees its own.
local current, currentIndex

-- Error handler for the child call under way: the innermost container adds the traceback and
-- the note, outer ones drop what was put in front of the first line (such as a position
-- prefix); every level puts its "In <index> module of <class>:" line in front.
local function childError(err)
   err = tostring(err)
   if err:find(TRACEBACK_NOTE, 1, true) then
      err = err:sub((err:find('\n', 1, true) or 0) + 1)
   else
      err = debug.traceback(err, 2) .. '\n\n' .. TRACEBACK_NOTE
   end
   return string.format('\nIn %d module of %s:\n%s', currentIndex, torch.type(current), err)
end

--[[ Call `module[funcName](module, ...)`; an error is raised again with a line naming the
child's position and this container's class in front.
ARGS: module, moduleIndex (its position), funcName (string), arguments RETURN: the result ]]
function Container:rethrowErrors(module, moduleIndex, funcName, ...)
   assert(module == self.modules[moduleIndex],
      'nn.Container.rethrowErrors: module is not at position ' .. tostring(moduleIndex))
   local outer, outerIndex = current, currentIndex
   current, currentIndex = self, moduleIndex
   local ok, ret = xpcall(module[funcName], childError, module, ...)
   current, currentIndex = outer, outerIndex
   if not ok then error(ret, 0) end
   return ret
end

-- Per-child calls of the methods a training loop runs at every step, made once rather than
-- as a closure per call (see `current` above).
local rate
local function zeroGrad(m) m:zeroGradParameters() end
local function update(m) m:updateParameters(rate) end

function Container:applyToModules(func)
   for _, module in ipairs(self.modules) do func(module) end
end

function Container:zeroGradParameters()
   self:applyToModules(zeroGrad)
end

function Container:updateParameters(learningRate)
   rate = learningRate
   self:applyToModules(update)
end

function Container:training()
   self:applyToModules(function(m) m:training() end)
   parent.training(self)
end

function Container:evaluate()
   self:applyToModules(function(m) m:evaluate() end)
   parent.evaluate(self)
end

function Container:share(mlp, ...)
   for i = 1, #self.modules do self.modules[i]:share(mlp.modules[i], ...) end
   return self
end

--[[ RETURN: the parameters and gradients of all children, in order ]]
function Container:parameters()
   local function append(to, from)
      if torch.type(from) == 'table' then
         for i = 1, #from do append(to, from[i]) end
      else
         to[#to + 1] = from
      end
   end
   local w, gw = {}, {}
   for i = 1, #self.modules do
      local mw, mgw = self.modules[i]:parameters()
      if mw then
         append(w, mw)
         append(gw, mgw)
      end
   end
   return w, gw
end

--[[ Drop buffers here and in every child (output/gradInput are replaced, not emptied,
since children may share them). RETURN: self ]]
function Container:clearState()
   nn.utils.clearFresh(self, 'output', 'gradInput')
   for _, module in pairs(self.modules or {}) do module:clearState() end
   return self
end

-- Make `acc` hold `src` (first child) or acc + src (later children), tables recursively;
-- Concat and ConcatTable sum their children's gradients with it.
function Container._accumulate(acc, src, first)
   if torch.type(src) == 'table' then
      acc = torch.type(acc) == 'table' and acc or {}
      for k, v in ipairs(src) do acc[k] = Container._accumulate(acc[k], v, first) end
      for k = #src + 1, #acc do acc[k] = nil end
      return acc
   end
   if first or not acc then
      acc = torch.isTensor(acc) and acc or src.new()
      return acc:resize(src:size()):copy(src)
   end
   return acc:add(src)
end

-- The branch diagram that Concat, ConcatTable, Parallel and ParallelTable print.
function Container:_branchString()
   local lines = { torch.type(self) .. ' {', '  input' }
   local n = #self.modules
   for i, m in ipairs(self.modules) do
      local head, cont = '  |`-> ', '  |    '
      if i == n then head, cont = '   `-> ', '       ' end
      local body = tostring(m):gsub('\n', '\n  ' .. cont)
      lines[#lines + 1] = '  ' .. head .. '(' .. i .. '): ' .. body
   end
   lines[#lines + 1] = '     ... -> output'
   lines[#lines + 1] = '}'
   return table.concat(lines, '\n')
end
