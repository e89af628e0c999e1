"""``pytorch_bridge.load`` and ``pytorch_bridge.save``: Torch7 ``.t7`` files from Python.

Both run the Lua ``torch.load`` / ``torch.save`` of the embedded runtime, so Python reads
and writes exactly what Lua does; this module only converts between Lua values and Python
objects. The rules:

Loading (Lua -> Python)
   - Tensors become numpy arrays sharing memory with the loaded Lua tensor (any strides
     and offset), or :class:`pytorch_bridge.Tensor` objects wrapping such arrays with
     ``tensors='tensor'``. A tensor with no dimensions (Torch7's empty tensor) becomes an
     empty 1-D array of its dtype. Storages become 1-D arrays sharing their memory.
   - A plain Lua table whose keys are exactly ``1..n`` (n >= 1) becomes a Python list:
     Lua's ``t[i]`` is Python's ``lst[i - 1]``. Every other plain table, the empty table
     included, becomes a dict.
   - Dict keys: numbers and strings convert as values do. Keys Python cannot hold as they
     are (booleans, which would collide with 1 and 0, and tables, tensors or other objects,
     which are unhashable or compare elementwise) are wrapped in :class:`LuaKey`, which
     compares by identity of the converted value: ``d[LuaKey(True)]``.
   - Sharing is kept: one Lua table, tensor or storage met several times becomes one Python
     object, cycles included (a table holding itself gives a list or dict holding itself).
     Tensors that share a storage give arrays over the same memory.
   - Numbers: Lua numbers are doubles. An integral number with magnitude at most 2**53
     becomes an ``int``; every other number (fractions, ``nan``, ``inf``, ``-0.0``, and
     integral values beyond 2**53, which a double may not hold exactly) a ``float``.
   - Strings become ``str`` when their bytes are valid UTF-8, otherwise ``bytes``.
     Booleans stay booleans and ``nil`` becomes ``None``.
   - Torch class objects: nn modules and criteria become the proxies of
     :func:`pytorch_bridge.nn.from_lua`, callable from Python (a module the proxy cannot
     describe, such as a container holding generic objects, stays a Lua object). Other
     class objects (generic objects of unknown classes, ...), tables with a metatable and
     Lua functions are returned as the Lua objects themselves (lupa handles; their
     contents are not converted).
   - ``unknown_classes='generic'`` and ``functions='load'|'opaque'`` are the Lua options
     ``unknownClasses`` and ``functions`` of ``torch.load`` (see ``serialize.lua``).

Saving (Python -> Lua)
   - dicts become tables with their keys converted; lists and tuples become Lua lists
     (Python's ``lst[i]`` is Lua's ``t[i + 1]``); :class:`LuaKey` keys are unwrapped. An
     empty list or dict is an empty table (which loads as ``{}``).
   - ``int`` and ``float`` become Lua numbers (an ``int`` a double cannot hold exactly
     raises :class:`SerializationError`); ``bool`` stays boolean; ``str`` is written as its
     UTF-8 bytes and ``bytes`` as they are; ``None`` is ``nil``, so a dict entry or list
     item that is None is absent from the Lua table (a list with a None item loads as a
     dict); numpy scalars are numbers, booleans, bytes or strings.
   - numpy arrays become the Torch7 tensor of the same element type (float64 Double,
     float32 Float, int64 Long, int32 Int, int16 Short, int8 Char, uint8 Byte, float16
     Half; bool arrays are saved as ByteTensors of 0 and 1), sharing memory whenever Torch7
     can describe the layout and copied otherwise (negative strides, non-native byte
     order). Torch7 has no 0-d tensors: a 0-d array is saved as a 1-element 1-D tensor, and
     an array with no elements as an empty tensor with no dimensions. An array that
     ``load`` returned is saved as the Lua tensor or storage it came from, so tensors
     sharing a storage in the file still share it when saved back; arrays made in Python
     that view one buffer are saved with a storage each. :class:`pytorch_bridge.Tensor`
     objects are saved as their arrays.
   - nn proxies are saved as their Lua modules, and any Lua object (a lupa handle) as it is.
   - The same Python container or array met several times is written once and shared
     (with ``referenced=True``); cyclic containers are kept.

Formats: ``'binary'`` and ``'ascii'``, ``'b32'``/``'b64'`` for binary with 4/8-byte longs;
``load`` with no format reads binary and falls back to 4-byte longs. ``referenced=False``
writes every occurrence of a shared object in full.

Errors: a file that cannot be opened, read or written, or that is not a Torch7 stream,
raises :class:`pytorch_bridge.SerializationError` carrying the Lua message (what was wrong,
at which byte offset and object path); so does a Python value ``save`` cannot convert.
"""

from __future__ import annotations

import math
import os
import re
import weakref
from typing import Any

import numpy as np

from ._tensor import Tensor, new_tensor
from .errors import DTypeError, LuaError, SerializationError
from .runtime import get_runtime

__all__ = ["LuaKey", "load", "save"]

_FORMATS = ("binary", "ascii", "b32", "b64")
_UNKNOWN = ("error", "generic")
_FUNCTIONS = ("refuse", "load", "opaque")
_EXACT = 2**53
# entry tags and object kinds of H.flatten (the Lua helper below)
_NIL, _NUM, _STR, _TRUE, _FALSE, _OBJ = 0, 1, 2, 3, 4, 5
_LIST, _DICT, _TENSOR, _STORAGE, _HANDLE, _NN, _ODDKEYS = 1, 2, 3, 4, 5, 6, 7

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
_ORIGIN: dict[int, tuple[Any, Any]] = {}

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


def _helper() -> Any:
    h = _STATE.get("H")
    if h is None:
        h = get_runtime().execute(_LUA)
        _STATE["H"] = h
    return h


def _lua_message(exc: LuaError) -> str:
    return _LUA_PREFIX.sub("", exc.message)


def _check(name: str, value: Any, allowed: tuple[str | None, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")


def _remember(array: np.ndarray[Any, Any], lua_obj: Any) -> None:
    key = id(array)
    _ORIGIN[key] = (weakref.ref(array, lambda _: _ORIGIN.pop(key, None)), lua_obj)


# ----------------------------------------------------------------------------- loading


def load(
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002 - the name torch.load's argument has
    referenced: bool = True,
    *,
    tensors: str = "numpy",
    unknown_classes: str = "error",
    functions: str = "refuse",
    mmap: bool = False,
) -> Any:
    """Read the object stored in a Torch7 file, converted as the module doc describes.

    Args:
        path: the file.
        format: None (the default: binary, and binary with 4-byte longs when the file
            only reads that way), ``'binary'``, ``'ascii'``, or ``'b32'``/``'b64'`` for
            binary files written where ``long`` had 4/8 bytes.
        referenced: False for files written with ``referenced=false``.
        tensors: ``'numpy'`` (arrays, the default) or ``'tensor'`` (pytorch_bridge Tensors).
        unknown_classes: ``'error'`` (the default) or ``'generic'``: objects of classes the
            runtime does not know load as generic Lua objects that keep their fields.
        functions: ``'refuse'`` (the default), ``'load'`` or ``'opaque'`` for serialized Lua
            functions (see ``torch.File.serializationOptions``).
        mmap: True to map the file instead of reading it: storages of 64 KiB and more
            (binary files) view the file's pages, which are read on first use; the mapping
            is copy-on-write, so changes never reach the file. The file must not be
            truncated while such storages live.

    Returns:
        The converted object.

    Raises:
        SerializationError: when the file cannot be read or is not a valid Torch7 stream
            (the message says what was wrong, at which byte offset and object path).
        ValueError: for an option value that does not exist.
    """
    _check("format", format, (None, *_FORMATS))
    _check("tensors", tensors, ("numpy", "tensor"))
    _check("unknown_classes", unknown_classes, _UNKNOWN)
    _check("functions", functions, _FUNCTIONS)
    if not isinstance(referenced, bool):
        raise ValueError(f"referenced must be True or False, got {referenced!r}")
    if not isinstance(mmap, bool):
        raise ValueError(f"mmap must be True or False, got {mmap!r}")
    rt = get_runtime()
    h = _helper()
    try:
        flat = rt.call(
            h.load, os.fspath(path), format, referenced, unknown_classes, functions, mmap
        )
    except LuaError as exc:
        raise SerializationError(_lua_message(exc)) from None
    return _Unflatten(rt, flat, tensors == "tensor").run()


class _Unflatten:
    """Rebuild Python objects from the arrays ``H.flatten`` returned."""

    def __init__(self, rt: Any, flat: tuple[Any, ...], as_tensor: bool) -> None:
        tags, nums, kinds, starts, counts, strbytes, handles, ne, no = flat
        torch = rt.require("torch")
        arr = torch._storageArray
        ne, no = int(ne), int(no)
        self.rt = rt
        self.torch = torch
        self.tags = np.array(arr(tags)[:ne], dtype=np.int8)
        self.nums = np.array(arr(nums)[:ne])
        self.kinds = arr(kinds)[:no].astype(np.int8).tolist()
        self.starts = arr(starts)[:no].astype(np.int64).tolist()
        self.counts = arr(counts)[:no].astype(np.int64).tolist()
        self.bytes = arr(strbytes).tobytes()
        self.handles = handles
        self.as_tensor = as_tensor

    def run(self) -> Any:
        # Every object first (containers empty), then every entry's value, then the
        # containers' contents: shared and cyclic references find the one Python object.
        objects: list[Any] = [None]
        objects.extend(self._make(i + 1, kind) for i, kind in enumerate(self.kinds))
        vals = self._values(objects)
        tags = self.tags.tolist()
        for i, kind in enumerate(self.kinds):
            start, n = self.starts[i], self.counts[i]
            if kind == _LIST:
                objects[i + 1].extend(vals[start : start + n])
            elif kind == _DICT:
                end = start + 2 * n
                objects[i + 1].update(
                    zip(vals[start:end:2], vals[start + 1 : end : 2], strict=True)
                )
            elif kind == _ODDKEYS:
                d = objects[i + 1]
                for j in range(start, start + 2 * n, 2):
                    key = vals[j] if tags[j] in (_NUM, _STR) else LuaKey(vals[j])
                    d[key] = vals[j + 1]
        return vals[0] if vals else None

    def _values(self, objects: list[Any]) -> list[Any]:
        """The Python value of every entry."""
        tags, nums = self.tags, self.nums
        with np.errstate(invalid="ignore"):
            whole = (
                (tags == _NUM)
                & (nums == np.trunc(nums))
                & (np.abs(nums) <= _EXACT)
                & ~((nums == 0) & np.signbit(nums))
            )
        vals: list[Any] = nums.tolist()
        ints = np.where(whole, nums, 0).astype(np.int64).tolist()
        for j in np.flatnonzero(whole).tolist():
            vals[j] = ints[j]
        raw, pos = self.bytes, 0
        other = np.flatnonzero(tags != _NUM)
        for j, tag in zip(other.tolist(), tags[other].tolist(), strict=True):
            if tag == _STR:
                n = int(vals[j])
                b = raw[pos : pos + n]
                pos += n
                try:
                    vals[j] = b.decode("utf-8")
                except UnicodeDecodeError:
                    vals[j] = b
            elif tag == _OBJ:
                vals[j] = objects[int(vals[j])]
            else:
                vals[j] = True if tag == _TRUE else False if tag == _FALSE else None
        return vals

    def _make(self, i: int, kind: int) -> Any:
        if kind == _LIST:
            return []
        if kind in (_DICT, _ODDKEYS):
            return {}
        lua_obj = self.handles[i]
        if kind in (_TENSOR, _STORAGE):
            return self._array(lua_obj, kind == _TENSOR)
        if kind == _NN:
            try:
                from .nn import from_lua

                return from_lua(lua_obj)
            except Exception:  # noqa: BLE001 - Lua errors of any wrapper: keep the Lua object
                return lua_obj  # a module the proxy cannot describe (say, holding generic objects)
        return lua_obj

    def _array(self, lua_obj: Any, is_tensor: bool) -> Any:
        torch = self.torch
        a = self.rt.call(torch._np if is_tensor else torch._storageArray, lua_obj)
        if a.size == 0:
            a = a[:]  # a fresh empty array: Lua gives every empty tensor of a type one array
        else:
            _remember(a, lua_obj)
        return new_tensor(a) if self.as_tensor else a


# ----------------------------------------------------------------------------- saving


def save(
    path: str | os.PathLike[str],
    obj: Any,
    format: str = "binary",  # noqa: A002 - the name torch.save's argument has
    referenced: bool = True,
) -> None:
    """Write ``obj`` to a Torch7 file, converted as the module doc describes.

    Args:
        path: the file (created or replaced).
        obj: dicts, lists, tuples, numbers, strings, bytes, booleans, None, numpy arrays,
            pytorch_bridge Tensors, nn proxies and Lua objects, nested in any way.
        format: ``'binary'`` (the default), ``'ascii'``, ``'b32'`` (4-byte longs) or
            ``'b64'``.
        referenced: False writes every occurrence of a shared object in full.

    Raises:
        SerializationError: when a value cannot be converted or written, or the file cannot
            be opened.
        ValueError: for an option value that does not exist.
    """
    _check("format", format, _FORMATS)
    if not isinstance(referenced, bool):
        raise ValueError(f"referenced must be True or False, got {referenced!r}")
    rt = get_runtime()
    h = _helper()
    lua_obj = _Encoder(rt).run(obj, h)
    try:
        rt.call(h.save, os.fspath(path), lua_obj, format, referenced)
    except LuaError as exc:
        raise SerializationError(_lua_message(exc)) from None


class _Encoder:
    """Turn a Python value into flat arrays ``H.build`` makes Lua values of.

    Containers, arrays and Lua objects get object ids in the order they are first met (one
    id per Python object, so sharing and cycles are kept); their entries follow the root's.
    """

    def __init__(self, rt: Any) -> None:
        self.rt = rt
        self.tags: list[int] = []
        self.nums: list[float] = []
        self.strs: list[bytes] = []
        self.memo: dict[int, int] = {}
        self.queue: list[Any] = []  # id - 1 -> (the Python object, where it was met)
        self.kinds: list[int] = []
        self.starts: list[int] = []
        self.counts: list[int] = []
        self.handles: dict[int, Any] = {}

    def run(self, obj: Any, h: Any) -> Any:
        self.put(obj, "<top level>")
        i = 0
        while i < len(self.queue):
            self._contents(i + 1, *self.queue[i])
            i += 1
        if not self.queue and self.tags[0] != _OBJ:
            return self._scalar_value()
        from ._interop import from_numpy

        def ints(values: list[int]) -> Any:
            return from_numpy(np.array([*values, 0], np.int32))  # never empty

        return self.rt.call(
            h.build,
            ints(self.tags),
            from_numpy(np.array(self.nums, np.float64)),
            ints(self.kinds),
            ints(self.starts),
            ints(self.counts),
            b"".join(self.strs),
            self.rt.lua.table_from(self.handles),
            len(self.kinds),
        )

    def _scalar_value(self) -> Any:
        tag = self.tags[0]
        if tag == _NUM:
            return self.nums[0]
        if tag == _STR:
            return self.strs[0]
        return True if tag == _TRUE else False if tag == _FALSE else None

    def _entry(self, tag: int, num: float) -> None:
        self.tags.append(tag)
        self.nums.append(num)

    def put(self, x: Any, where: Any) -> None:
        """Append the entry of ``x``; ``where`` is its path (see :func:`_path`)."""
        t = type(x)
        if t is str:
            b = x.encode("utf-8", "surrogateescape")
            self.strs.append(b)
            self.tags.append(_STR)
            self.nums.append(len(b))
        elif t is float or (t is int and -_EXACT <= x <= _EXACT):
            self.tags.append(_NUM)
            self.nums.append(x)
        elif x is None:
            self._entry(_NIL, 0)
        elif x is True or x is False:
            self._entry(_TRUE if x else _FALSE, 0)
        elif isinstance(x, bytes):
            self.strs.append(x)
            self._entry(_STR, len(x))
        elif isinstance(x, int | float):
            self._entry(_NUM, _double(x, where))
        elif isinstance(x, str):
            self.put(str(x), where)
        elif isinstance(x, np.generic):
            self.put(_scalar(x, where), where)
        elif isinstance(x, LuaKey):
            self.put(x.value, where)
        else:
            key = id(x)
            oid = self.memo.get(key)
            if oid is None:
                self.queue.append((x, where))
                oid = len(self.queue)
                self.memo[key] = oid
            self._entry(_OBJ, oid)

    def _contents(self, oid: int, x: Any, where: Any) -> None:
        self.starts.append(len(self.tags))
        if isinstance(x, dict):
            self.kinds.append(_DICT)
            n = 0
            for k, v in x.items():
                if v is None:
                    continue
                if k is None or (isinstance(k, float) and math.isnan(k)):
                    raise SerializationError(
                        f"save: a {k} key at {_path(where)} (Lua table keys cannot be nil or nan)"
                    )
                self.put(k, (where, _KEY))
                self.put(v, (where, k))
                n += 1
            self.counts.append(n)
        elif isinstance(x, list | tuple):
            self.kinds.append(_LIST)
            for i, v in enumerate(x):
                self.put(v, (where, i))
            self.counts.append(len(x))
        else:
            self.kinds.append(_HANDLE)
            self.counts.append(0)
            self.handles[oid] = self._handle(x, where)

    def _handle(self, x: Any, where: Any) -> Any:
        if isinstance(x, Tensor):
            x = x._array
        if isinstance(x, np.ndarray):
            return self._array(x, where)
        if _is_lua(x):
            return x
        inner = getattr(x, "_lua", None)
        if inner is not None and _is_lua(inner):
            return inner  # an nn proxy
        raise SerializationError(
            f"save: cannot write a Python {type(x).__name__} at {_path(where)} (dicts, lists, "
            "tuples, numbers, strings, bytes, booleans, None, numpy arrays, Tensors "
            "and Lua objects can be written)"
        )

    def _array(self, a: np.ndarray[Any, Any], where: Any) -> Any:
        origin = _ORIGIN.get(id(a))
        if origin is not None and origin[0]() is a:
            if self.rt.call(_helper().isArray, origin[1], a):
                return origin[1]
        if a.dtype == np.bool_:
            a = a.view(np.uint8)
        if a.ndim == 0:
            a = a.reshape(1)
        from ._interop import from_numpy
        from .backend import torch_type_of

        try:
            if a.size == 0:
                return self.rt.call(_helper().emptyTensor, torch_type_of(a.dtype))
            return from_numpy(a)
        except (DTypeError, KeyError):
            raise SerializationError(
                f"save: no Torch7 tensor type holds the numpy dtype {a.dtype} (at {_path(where)})"
            ) from None


_KEY = object()  # path marker: a key of the table


def _path(where: Any) -> str:
    """A path ``(parent, key)`` chain as text: ``<top level>['model'][2]``."""
    parts: list[str] = []
    while isinstance(where, tuple):
        where, key = where
        parts.append(" (a key)" if key is _KEY else f"[{key!r}]")
    return str(where) + "".join(reversed(parts))


def _double(x: int | float, where: Any) -> float:
    if isinstance(x, int):
        f = float(x) if abs(x) < 2**1024 else math.inf
        if f != x:
            raise SerializationError(
                f"save: the integer {x} at {_path(where)} has no exact double (Lua numbers are "
                "doubles); convert it to float to store it rounded"
            )
        return f
    return float(x)


def _scalar(x: np.generic, where: Any) -> Any:
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, np.bytes_):
        return bytes(x)
    if isinstance(x, np.str_):
        return str(x)
    raise SerializationError(f"save: cannot write a numpy {x.dtype} scalar at {_path(where)}")


def _is_lua(x: Any) -> bool:
    return type(x).__module__.startswith("lupa")
