-- Small helpers shared by the nngraph files (returned as a table, not a global).
-- luacheck: globals graph nngraph
local utils = {}

--[[ RETURN: a true value when `x` is an object of a torch class (its class name) ]]
function utils.istorchclass(x)
   return type(x) == 'table' and torch.typename(x)
end

--[[ RETURN: true when `x` is a plain Lua table (not an object of a torch class) ]]
function utils.istable(x)
   return type(x) == 'table' and not torch.typename(x)
end

--[[ The message for a value found where an nngraph.Node was expected.
ARGS: bad (the value), where ('inputs' or 'outputs'), index (number) RETURN: string ]]
function utils.expectingNodeErrorMessage(bad, where, index)
   if bad == nil then
      return string.format('%s[%d] is nil (typo / bad index?)', where, index)
   elseif torch.isTypeOf(bad, 'nn.Module') then
      return string.format('%s[%d] is an nn.Module, specifically a %s, but the only valid '
         .. 'thing to pass is an instance of nngraph.Node. Did you forget a second set of '
         .. 'parens, which convert a nn.Module to a nngraph.Node?', where, index,
         torch.typename(bad))
   end
   return string.format('%s[%d] should be an nngraph.Node but is of type %s', where, index,
      torch.typename(bad) or type(bad))
end

--[[ RETURN: the largest positive number key of `t` (0 when none), holes included ]]
utils.tableMaxN = table.maxn or function(t)
   local n = 0
   for k in pairs(t) do
      if type(k) == 'number' and k > n then n = k end
   end
   return n
end

-- Source files whose frames are skipped when looking for the user's code.
local libraryRoot = debug.getinfo(1, 'S').source:match('^@(.*/)nngraph/[^/]*$') or '\0'
local libraryDirs = { libraryRoot .. 'nngraph/', libraryRoot .. 'graph/',
   libraryRoot .. 'torch/class.lua' }

local function inLibrary(source)
   if source:sub(1, 1) ~= '@' then return false end
   for _, dir in ipairs(libraryDirs) do
      if source:sub(2, #dir + 1) == dir then return true end
   end
   return false
end

-- debug.getinfo of the nearest caller outside the graph libraries, or nil.
local function userFrame()
   for level = 3, 64 do
      local info = debug.getinfo(level, 'Sln')
      if not info then return nil end
      if info.what ~= 'C' and not inLibrary(info.source) then return info end
   end
end

--[[ '[file]:line_function' of the nearest caller outside the graph libraries, the label a
node keeps to say where it was declared (a C placeholder when there is none).
RETURN: string ]]
function utils.callerLabel()
   local info = userFrame()
   if not info then return '[[C]]:-1_' end
   return string.format('[%s]:%d_%s', info.short_src, info.currentline, info.name or '')
end

--[[ '[file]:line' of the nearest caller outside the graph libraries. RETURN: string ]]
function utils.callerLocation()
   local info = userFrame()
   if not info then return '[[C]]:-1' end
   return string.format('[%s]:%d', info.short_src, info.currentline)
end

return utils
