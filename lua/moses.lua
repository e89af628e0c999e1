-- A small subset of the Moses utility library (version 1.6.1 semantics and names), for code
-- written against Torch7's nn that does `local _ = require 'moses'`. Only the functions such
-- code uses are here: isNumber, isNaN, map, indexOf.
local moses = {}

--[[ RETURN: true when `obj` is a Lua number ]]
function moses.isNumber(obj)
   return type(obj) == 'number'
end

--[[ RETURN: true when `obj` is a number that is NaN (any other value gives false) ]]
function moses.isNaN(obj)
   return moses.isNumber(obj) and obj ~= obj
end

--[[ A new table with f(key, value, ...) for every pair of `t`. When f returns one value it
is stored under the same key; when it returns two, the first is the new key and the second
the value. ARGS: t (table), f (function), extra arguments passed on to f RETURN: table ]]
function moses.map(t, f, ...)
   local result = {}
   for key, value in pairs(t) do
      local a, b = f(key, value, ...)
      if b ~= nil then
         result[a] = b
      else
         result[key] = a
      end
   end
   return result
end

--[[ RETURN: the first index i in 1..#array with array[i] == value, or nil ]]
function moses.indexOf(array, value)
   for i = 1, #array do
      if array[i] == value then return i end
   end
end

return moses
