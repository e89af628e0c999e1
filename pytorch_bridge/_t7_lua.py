"""The Lua side of ``pytorch_bridge.load``/``save``: the helper that flattens a loaded
object graph into a few arrays and builds one from such arrays, their entry tags, and the
registry of arrays ``load`` returned (so ``save`` writes them as the Lua objects they view).
"""

from __future__ import annotations

import re
import weakref
from typing import Any

import numpy as np

from .errors import LuaError
from .runtime import get_runtime

EXACT = 2**53  # integers up to this magnitude are exact doubles
# entry tags and object kinds of H.flatten (the Lua helper below)
NIL, NUM, STR, TRUE, FALSE, OBJ = 0, 1, 2, 3, 4, 5
LIST, DICT, TENSOR, STORAGE, HANDLE, NN, ODDKEYS = 1, 2, 3, 4, 5, 6, 7

# Lua helper: loads a file and flattens the object graph into a few arrays, so Python reads
# it in a handful of crossings and Lua strings (any bytes) never cross one by one.
_LUA = r"""
local torch = require 'torch'
local ffi = require 'ffi'
local H = {}
local NIL, NUM, STR, TRUE, FALSE, OBJ = 0, 1, 2, 3, 4, 5
local LIST, DICT, TENSOR, STORAGE, HANDLE, NN, ODDKEYS = 1, 2, 3, 4, 5, 6, 7

local function identity(v)
   if type(v) == 'cdata' then return tonumber(ffi.cast('intptr_t', ffi.cast('void *', v))) end
   return v
end

local function isList(t)
   local n = 0
   for k in pairs(t) do
      n = n + 1
      if type(k) ~= 'number' or k < 1 or k ~= math.floor(k) then return false end
   end
   if n == 0 then return false end
   for i = 1, n do if rawget(t, i) == nil then return false end end
   return true
end

local function kindOf(v)
   if torch.isTensor(v) then return TENSOR end
   if torch.isStorage(v) then return STORAGE end
   if type(v) == 'table' and getmetatable(v) == nil then
      return isList(v) and LIST or DICT
   end
   if torch.isTypeOf(v, 'nn.Module') or torch.isTypeOf(v, 'nn.Criterion') then return NN end
   return HANDLE
end

local function doubles(list, n)
   local st = torch.DoubleStorage(math.max(n, 1))
   for i = 1, n do st._data[i - 1] = list[i] end
   return st
end

--[[ Flatten the value `root`: returns tags, nums (DoubleStorages of the entries: the root
first, then each table's entries), kinds, starts, counts (per object id), the bytes of every
string in entry order (a ByteStorage), the handles table (id -> tensor, storage or object),
the number of entries and the number of objects. ]]
function H.flatten(root)
   local ids, objs, kinds, starts, counts = {}, {}, {}, {}, {}
   local handles = {}
   local tags, nums, strs = {}, {}, {}
   local ne, no = 0, 0
   local function put(v)
      ne = ne + 1
      local tv = type(v)
      if v == nil then
         tags[ne], nums[ne] = NIL, 0
      elseif tv == 'number' then
         tags[ne], nums[ne] = NUM, v
      elseif tv == 'string' then
         tags[ne], nums[ne] = STR, #v
         strs[#strs + 1] = v
      elseif tv == 'boolean' then
         tags[ne], nums[ne] = v and TRUE or FALSE, 0
      else
         local key = identity(v)
         local id = ids[key]
         if id == nil then
            no = no + 1
            id = no
            ids[key] = id
            objs[id] = v
         end
         tags[ne], nums[ne] = OBJ, id
      end
   end
   put(root)
   local i = 1
   while i <= no do
      local v = objs[i]
      local k = kindOf(v)
      kinds[i] = k
      starts[i] = ne
      if k == LIST then
         local n = #v
         for j = 1, n do put(rawget(v, j)) end
         counts[i] = n
      elseif k == DICT then
         local n = 0
         for key, val in pairs(v) do
            local tk = type(key)
            if tk ~= 'number' and tk ~= 'string' then kinds[i] = ODDKEYS end
            put(key)
            put(val)
            n = n + 1
         end
         counts[i] = n
      else
         handles[i] = v
         counts[i] = 0
      end
      i = i + 1
   end
   local s = table.concat(strs)
   local bytes = torch.ByteStorage(math.max(#s, 1))
   ffi.copy(bytes._data, s, #s)
   return doubles(tags, ne), doubles(nums, ne), doubles(kinds, no), doubles(starts, no),
      doubles(counts, no), bytes, handles, ne, no
end

--[[ torch.load `path` (requiring nn and nngraph first, so saved models and gModules load
without the caller requiring them) and flatten the result. ]]
function H.load(path, mode, referenced, unknown, functions, mmap)
   pcall(require, 'nn')
   pcall(require, 'nngraph')
   local obj = torch.load(path, mode, referenced,
      { unknownClasses = unknown, functions = functions, mmap = mmap })
   return H.flatten(obj)
end

--[[ torch.save, requiring nn first when it is installed. ]]
function H.save(path, obj, mode, referenced)
   pcall(require, 'nn')
   torch.save(path, obj, mode, referenced)
end

--[[ The inverse of flatten, for values coming from Python: tags, kinds, starts and counts
are Int tensors, nums a Double tensor (number value, string length or object id per entry),
s every string's bytes in entry order, handles (id -> Lua object) the objects that are not
plain tables. Entry 0 is the root; tables' entries follow in object order. ]]
function H.build(tagsT, numsT, kindsT, startsT, countsT, s, handles, no)
   local tags = tagsT._st._data + tagsT._off
   local nums = numsT._st._data + numsT._off
   local kinds = kindsT._st._data + kindsT._off
   local counts = countsT._st._data + countsT._off
   local objs = {}
   for i = 1, no do
      if kinds[i - 1] == HANDLE then objs[i] = handles[i] else objs[i] = {} end
   end
   local pos = 1
   local function val(j)
      local tag = tags[j]
      if tag == NUM then return nums[j] end
      if tag == STR then
         local n = nums[j]
         local v = s:sub(pos, pos + n - 1)
         pos = pos + n
         return v
      end
      if tag == OBJ then return objs[nums[j]] end
      if tag == TRUE then return true end
      if tag == FALSE then return false end
      return nil
   end
   local root = val(0)
   local j = 1
   for i = 1, no do
      local k, n = kinds[i - 1], counts[i - 1]
      local t = objs[i]
      if k == LIST then
         for m = 1, n do
            t[m] = val(j)
            j = j + 1
         end
      elseif k == DICT then
         for _ = 1, n do
            local key = val(j)
            t[key] = val(j + 1)
            j = j + 2
         end
      end
   end
   return root
end

function H.emptyTensor(name) return torch[name .. 'Tensor']() end
function H.isArray(v, arr)
   if torch.isTensor(v) then return rawequal(torch._np(v), arr) end
   if torch.isStorage(v) then return rawequal(torch._storageArray(v), arr) end
   return false
end
return H
"""

_STATE: dict[str, Any] = {}

#: id(array) -> (weak reference to an array ``load`` returned, the Lua tensor or storage it
#: views). Lets ``save`` write such an array as the very Lua object it came from.
ORIGIN: dict[int, tuple[Any, Any]] = {}

_LUA_PREFIX = re.compile(r'^(\[string "[^"]*"\]|[^\s:]+\.lua):\d+: ')


class LuaKey:
    """A Lua table key Python cannot use as it is: a boolean, a table or another object.

    Two LuaKeys are equal when they hold the same object (``LuaKey(True) == LuaKey(True)``;
    for a table key, the very list or dict ``load`` made of it).

    Attributes:
        value: the key, converted like any other value.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LuaKey) and other.value is self.value

    def __hash__(self) -> int:
        return hash((LuaKey, id(self.value)))

    def __repr__(self) -> str:
        if isinstance(self.value, bool):
            return f"LuaKey({self.value!r})"
        return f"LuaKey(<{type(self.value).__name__} at {id(self.value):#x}>)"


def helper() -> Any:
    """The Lua helper table, loaded into the runtime on first use."""
    h = _STATE.get("H")
    if h is None:
        h = get_runtime().execute(_LUA)
        _STATE["H"] = h
    return h


def lua_message(exc: LuaError) -> str:
    """The message of a Lua error without its ``file.lua:line:`` prefix."""
    return _LUA_PREFIX.sub("", exc.message)


def remember(array: np.ndarray[Any, Any], lua_obj: Any) -> None:
    """Note that ``array`` (returned by ``load``) views the Lua tensor or storage ``lua_obj``."""
    key = id(array)
    ORIGIN[key] = (weakref.ref(array, lambda _: ORIGIN.pop(key, None)), lua_obj)
