-- xlua's named-argument helpers: table2string, usage text, unpack, unpack_class and
-- usage_module. Loaded by `require 'xlua'`, onto the xlua table it makes.
local xlua = assert(rawget(_G, 'xlua'), "xlua.usage: load it with require 'xlua'")
local sys = require 'sys'
local torch = require 'torch'

-- A string, table or other value as table2string writes it.
local function valueText(v)
   if type(v) == 'table' then return xlua.table2string(v) end
   if type(v) ~= 'string' then return tostring(v) end
   v = v:gsub('\n', '\\n')
   if v:gsub('[^\'"]', ''):match('^"+$') then return "'" .. v .. "'" end
   return '"' .. v:gsub('"', '\\"') .. '"'
end

local function keyText(k)
   if type(k) == 'string' and k:match('^[_%a][_%w]*$') then return k end
   return '[' .. valueText(k) .. ']'
end

--[[ `tbl` as Lua-like source text: the list part first, then `key=value` pairs; with
`newline`, one item per line and `key : value`. ARGS: tbl, newline (optional)
RETURN: string ]]
function xlua.table2string(tbl, newline)
   local items, listed = {}, {}
   for i, v in ipairs(tbl) do
      items[i], listed[i] = valueText(v), true
   end
   for k, v in pairs(tbl) do
      if not listed[k] then
         items[#items + 1] = keyText(k) .. (newline and ' : ' or '=') .. valueText(v)
      end
   end
   if newline then return '{\n   ' .. table.concat(items, '\n   ') .. '\n}' end
   return '{' .. table.concat(items, ',') .. '}'
end

local BANNER = ('+'):rep(69)
local function column(key) return key .. (' '):rep(40 - #key) end

-- The usage block for named arguments: `f{ name = type -- help [default] }`.
local function namedUsage(funcname, defs)
   local lines = { funcname .. '{' }
   for _, p in ipairs(defs) do
      local key = p.arg .. ' = ' .. tostring(p.type)
      local line = column('    ' .. (p.req and key or '[' .. key .. ']')) .. '-- ' .. (p.help or '')
      if type(p.default) == 'table' then
         line = line .. '  [default = ' .. xlua.table2string(p.default) .. ']'
      elseif p.default ~= nil then
         line = line .. '  [default = ' .. tostring(p.default) .. ']'
      elseif p.defaulta then
         line = line .. '  [default == ' .. p.defaulta .. ']'
      end
      lines[#lines + 1] = line
   end
   return table.concat(lines, '\n') .. '\n}\n'
end

-- The usage block for positional arguments; an entry '' starts another form of the call.
local function positionalUsage(funcname, defs)
   local lines, i = {}, 1
   local p
   repeat
      lines[#lines + 1] = funcname .. '('
      p = defs[i]
      while p ~= nil and p ~= '' do
         local key = p.req and tostring(p.type) or '[' .. tostring(p.type) .. ']'
         lines[#lines + 1] = column('    ' .. key) .. '-- ' .. (p.help or '')
         i = i + 1
         p = defs[i]
      end
      lines[#lines + 1] = ')'
      i = i + 1
   until p == nil
   return table.concat(lines, '\n') .. '\n'
end

--[[ The help text of a function: its name, description, the arguments (tables with arg,
type, help, req, default or defaulta; named when they have `arg`) and an example.
ARGS: funcname, description, example, argument tables... (or one {tabled = list})
RETURN: string ]]
function xlua.usage(funcname, description, example, ...)
   local c = sys.COLORS
   local defs = { ... }
   if type(defs[1]) == 'table' and defs[1].tabled then defs = defs[1].tabled end
   local text = BANNER .. '\n' .. c.Magenta .. funcname .. c.none .. '\n'
   if description then text = text .. '\n' .. description .. '\n' end
   local block = type(defs[1]) == 'table' and defs[1].arg and namedUsage or positionalUsage
   text = text .. '\n' .. c.blue .. '> ' .. c.none .. 'usage:\n' .. c.cyan
      .. block(funcname, defs) .. c.none
   if example then text = text .. '\n' .. c.cyan .. example .. c.none .. '\n' end
   return text .. BANNER
end

--[[ Read a function's arguments `args` (its {...}), given either in order or as one table
of named values, against the argument tables that follow (arg, type, help, req, default,
defaulta). A missing required argument, or no argument at all, prints the usage and
raises. ARGS: args, funcname, description, argument tables...
RETURN: table of values by name and position (with `usage`), then the values in order ]]
function xlua.unpack(args, funcname, description, ...)
   local defs = { ... }
   local usage = setmetatable({}, { __tostring = function()
      local example
      if #defs > 1 then
         example = string.format('%s{%s=%s, %s=%s}\n%s(%s, ...)', funcname, defs[2].arg,
            defs[2].type, defs[1].arg, defs[1].type, funcname, defs[1].type)
      end
      return xlua.usage(funcname, description, example, { tabled = defs })
   end })
   local given = {}
   if #args == 0 then
      print(usage)
      xlua.error('error')
   elseif #args == 1 and type(args[1]) == 'table' and #args[1] == 0
      and torch.typename(args[1]) == nil then
      given = args[1]
   else
      for i, def in ipairs(defs) do given[def.arg] = args[i] end
   end
   local values = {}
   for i, def in ipairs(defs) do
      local v = given[def.arg]
      if v == nil and def.req then
         print(sys.COLORS.Red .. 'missing argument: ' .. def.arg .. sys.COLORS.none)
         print(usage)
         xlua.error('error')
      end
      if v == nil then v = def.default end
      if v == nil and def.defaulta then v = values[def.defaulta] end
      values[def.arg], values[i] = v, v
   end
   values.usage = usage
   return values, unpack(values, 1, #defs)
end

--[[ xlua.unpack, storing the named values (and `usage`) in `object`.
ARGS: object, then xlua.unpack's arguments ]]
function xlua.unpack_class(object, args, funcname, description, ...)
   for k, v in pairs((xlua.unpack(args, funcname, description, ...))) do
      if type(k) ~= 'number' then object[k] = v end
   end
end

--[[ A banner naming package `module` and describing it, which also becomes what
tostring(module) gives. ARGS: module, name, description (optional) RETURN: string ]]
function xlua.usage_module(module, name, description)
   local c = sys.COLORS
   local text = c.magenta .. BANNER .. '\nPACKAGE:\n' .. name .. '\n'
   if description then text = text .. '\nDESC:\n' .. description .. '\n' end
   text = text .. BANNER .. '+' .. c.none
   local mt = getmetatable(module) or {}
   mt.__tostring = function() return text end
   setmetatable(module, mt)
   return text
end
