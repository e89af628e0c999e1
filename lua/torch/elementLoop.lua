-- Element loops compiled from source, written out as straight code for short counts.
--
-- A short loop inside an operation called from a Lua loop (`for k = 1, n do a:add(b) end`)
-- tends to get hot first and be compiled by LuaJIT on its own; the caller's loop is then
-- compiled in pieces linked around it, and each call costs some 100-150 ns more than when
-- the caller's loop is compiled with the operation's body written out inside it. Up to
-- SHORT elements, the functions built here run no loop at all.
local torch = ...
local EL = { SHORT = 32 }
torch._elementLoop = EL

--[[ Compile `function(args) init; for i = 0, n - 1 do body end; return ret end` (`args`
must name `n`; `init` and `ret` may be nil), with `env` (source of locals the body uses)
before it. Up to SHORT elements the body is written out once per element, each copy inside
the test of the one before (so a call on k elements makes k + 1 tests).
RETURN: the function ]]
function EL.compile(args, body, init, ret, env)
   local opens = {}
   for k = 0, EL.SHORT - 1 do
      opens[#opens + 1] = ('if n > %d then local i = %d %s'):format(k, k, body)
   end
   local exit = ret and ('return ' .. ret) or 'return'
   local src = (env or '') .. 'return function(' .. args .. ') ' .. (init or '')
      .. (' if n <= %d then %s %s %s end '):format(EL.SHORT, table.concat(opens, ' '),
         string.rep('end', EL.SHORT, ' '), exit)
      .. 'for i = 0, n - 1 do ' .. body .. ' end ' .. exit .. ' end'
   return assert(loadstring(src, '=torch.elementLoop'))()
end
