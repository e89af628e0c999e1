-- sys.fpath: where the calling file lives.
local paths = require 'paths'

--[[ The folder of the file that calls this function and the file's name, both taken from
the caller's chunk name. A chunk that was not loaded from a file (a string, the prompt) has
no folder of its own: then the current folder alone is returned.
RETURN: folder (absolute), file name or nil ]]
local function fpath()
   local info = debug.getinfo(2, 'S')
   local source = info and info.source
   if type(source) ~= 'string' or source:sub(1, 1) ~= '@' then return paths.cwd() end
   local full = paths.concat(source:sub(2))
   return paths.dirname(full), paths.basename(full)
end

return fpath
