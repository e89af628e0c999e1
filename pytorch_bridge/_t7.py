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

import os
from typing import Any

from ._t7_load import Unflatten
from ._t7_lua import LuaKey, helper, lua_message
from ._t7_save import Encoder
from .errors import LuaError, SerializationError
from .runtime import get_runtime

__all__ = ["LuaKey", "load", "save"]

_FORMATS = ("binary", "ascii", "b32", "b64")
_UNKNOWN = ("error", "generic")
_FUNCTIONS = ("refuse", "load", "opaque")


def _check(name: str, value: Any, allowed: tuple[str | None, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")


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
    h = helper()
    try:
        flat = rt.call(
            h.load, os.fspath(path), format, referenced, unknown_classes, functions, mmap
        )
    except LuaError as exc:
        raise SerializationError(lua_message(exc)) from None
    return Unflatten(rt, flat, tensors == "tensor").run()


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
    h = helper()
    lua_obj = Encoder(rt).run(obj, h)
    try:
        rt.call(h.save, os.fspath(path), lua_obj, format, referenced)
    except LuaError as exc:
        raise SerializationError(lua_message(exc)) from None
