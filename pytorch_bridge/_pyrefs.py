"""Safe release of the Python objects that Lua holds.

lupa wraps each Python object handed to Lua in a userdata. It keeps one owned
reference per object in ``LuaRuntime._pyrefs_in_lua`` (keyed by address and wrapper
flags) and anchors the userdata in a weak-valued registry table at a slot taken
with ``luaL_ref``. Its ``__gc`` then pops the key and frees the slot.

The collector clears a dead wrapper's slot in its atomic phase but runs ``__gc``
only later, while Lua code keeps running. In that window ``luaL_ref`` can hand the
cleared slot to another object, or the same object can be wrapped again; the late
``__gc`` then drops the reference and frees the slot that belong to a *live*
wrapper, which ends in a use-after-free (lupa issue 293; seen here as crashes in
long nn test runs). :func:`install` replaces the wrapper ``__gc`` with one that
releases the reference and the slot only when they still belong to the dying
wrapper.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import warnings
from collections.abc import Callable
from typing import Any

_REFS = "LUPA_PYTHON_REFERENCES_TABLE"  # lupa's weak-valued registry table of wrappers
_METATABLE = "POBJECT"  # lupa's metatable of wrapped Python objects
# lupa's _PyReference is {PyObject_HEAD; PyObject *_obj; int _ref}: the slot number
# follows the header and one pointer.
_SLOT_OFFSET = object.__basicsize__ + ctypes.sizeof(ctypes.c_void_p)

_LUA_INSTALL = """
local refsName, mtName = ...
local ffi = require 'ffi'
local reg = debug.getregistry()
local refs, mt = reg[refsName], reg[mtName]
-- lupa's userdata payload: {PyObject *obj; PyObject *runtime; int type_flags}
local Payload = ffi.typeof('struct { void *obj; void *runtime; int flags; } *')

local function inspect(box)     -- address and flags of the wrapper in box[1]
   local p = ffi.cast(Payload, box[1])
   return tonumber(ffi.cast('intptr_t', p.obj)), p.flags
end

local function enable(slotOf, drop, liveAddress)
   local live = ffi.cast('int32_t *', liveAddress)
   mt.__gc = function(u)
      -- Once Python is shutting down its objects may be gone: leave the wrappers alone.
      if live[0] == 0 then return end
      -- the two hooks stay usable until the state closes, for the wrappers finalized last
      if rawequal(u, slotOf) or rawequal(u, drop) then return end
      local p = ffi.cast(Payload, u)
      if p.obj == nil then return end
      local ok, slot = pcall(slotOf, u, p.flags)
      if ok and slot then
         local cur = rawget(refs, slot)
         -- a live wrapper of the same object owns the reference: leave it alone
         if not (type(cur) == 'userdata' and ffi.cast(Payload, cur).obj == p.obj) then
            pcall(drop, u, p.flags)
            if cur == nil then      -- luaL_unref: the slot goes on the free list
               rawset(refs, slot, rawget(refs, 0))
               rawset(refs, 0, slot)
            end
         end
      end
      p.obj = nil
   end
end

local function slotValue(i) return rawget(refs, i) end
return inspect, enable, slotValue
"""


class _Probe:
    """An object with no ``__getitem__``, so lupa wraps it with flags 0."""


def _references(runtime: Any, probe: _Probe) -> dict[Any, Any] | None:
    """Find lupa's object -> reference dict: the runtime's dict that holds ``probe``."""
    key = (id(probe), 0)
    for obj in gc.get_referents(runtime):
        if isinstance(obj, dict) and key in obj:
            return obj
    return None


def _slot_of(pyref: Any) -> int:
    return ctypes.c_int.from_address(id(pyref) + _SLOT_OFFSET).value


def _make_hooks(refs: dict[Any, Any]) -> tuple[Callable[..., int | None], Callable[..., None]]:
    def slot_of(obj: Any, flags: int) -> int | None:
        """The registry slot of the wrapper that holds ``obj``'s reference, if any."""
        pyref = refs.get((id(obj), int(flags)))
        return None if pyref is None else _slot_of(pyref)

    def drop(obj: Any, flags: int) -> None:
        """Release the reference lupa keeps for ``obj``."""
        refs.pop((id(obj), int(flags)), None)

    return slot_of, drop


#: The hooks of every runtime given the safe ``__gc``, with lupa's dict they read. They
#: must outlive the runtime: closing a Lua state finalizes every wrapper, after the
#: collector may already have torn down the runtime's own attributes.
_ANCHORS: list[tuple[Any, ...]] = []

_LIBC = ctypes.CDLL(None)
_LIBC.calloc.restype = ctypes.c_void_p
_LIBC.calloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
#: One int32 the finalizers read before calling Python: 1 while Python runs, 0 from exit
#: on. It is never freed, so a Lua state closed during interpreter teardown can read it.
_LIVE = _LIBC.calloc(1, 4)
ctypes.c_int32.from_address(_LIVE).value = 1


@atexit.register
def _shutting_down() -> None:
    ctypes.c_int32.from_address(_LIVE).value = 0


def install(runtime: Any) -> bool:
    """Give ``runtime`` (a ``lupa.luajit21.LuaRuntime``) the safe wrapper ``__gc``.

    The layout lupa uses is checked on a probe object first; if it differs (another
    lupa release), nothing is replaced, a RuntimeWarning says so, and False is returned.
    """
    probe = _Probe()
    box = runtime.eval("function(x) return {x} end")(probe)
    inspect, enable, slot_value = runtime.execute(_LUA_INSTALL, _REFS, _METATABLE)
    refs = _references(runtime, probe)
    pyref = refs.get((id(probe), 0)) if refs is not None else None
    ok = (
        type(pyref).__name__ == "_PyReference"
        and type(pyref).__basicsize__ >= _SLOT_OFFSET + ctypes.sizeof(ctypes.c_int)
        and slot_value(_slot_of(pyref)) is probe
        and tuple(inspect(box)) == (id(probe), 0)
    )
    if ok:
        assert refs is not None
        hooks = _make_hooks(refs)
        _ANCHORS.append((*hooks, refs))
        enable(*hooks, _LIVE)
    else:
        warnings.warn(
            "pytorch_bridge: this lupa release keeps Python references in a layout this "
            "version does not know; Lua's collector may release objects still in use",
            RuntimeWarning,
            stacklevel=3,
        )
    return ok
