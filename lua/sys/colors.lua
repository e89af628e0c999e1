-- sys.COLORS: ANSI escape sequences for coloured terminal text. For each of the eight
-- colours, `name` is the normal foreground, `Name` (capitalised) the bold foreground and
-- `_name` the background; `none` resets every attribute.
local names = { 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white' }

local colors = { none = '\27[0m' }
for i, name in ipairs(names) do
   local code = i - 1
   colors[name] = string.format('\27[0;3%dm', code)
   colors[name:sub(1, 1):upper() .. name:sub(2)] = string.format('\27[1;3%dm', code)
   colors['_' .. name] = string.format('\27[4%dm', code)
end

return colors
