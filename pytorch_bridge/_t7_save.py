"""Flat arrays the Lua helper builds Lua values from, made of a Python value (the rules are
in ``pytorch_bridge._t7``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._t7_lua import (
    DICT,
    EXACT,
    FALSE,
    HANDLE,
    LIST,
    NIL,
    NUM,
    OBJ,
    ORIGIN,
    STR,
    TRUE,
    LuaKey,
    helper,
)
from ._tensor import Tensor
from .errors import DTypeError, SerializationError


class Encoder:
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
        if not self.queue and self.tags[0] != OBJ:
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
        if tag == NUM:
            return self.nums[0]
        if tag == STR:
            return self.strs[0]
        return True if tag == TRUE else False if tag == FALSE else None

    def _entry(self, tag: int, num: float) -> None:
        self.tags.append(tag)
        self.nums.append(num)

    def put(self, x: Any, where: Any) -> None:
        """Append the entry of ``x``; ``where`` is its path (see :func:`_path`)."""
        t = type(x)
        if t is str:
            b = x.encode("utf-8", "surrogateescape")
            self.strs.append(b)
            self.tags.append(STR)
            self.nums.append(len(b))
        elif t is float or (t is int and -EXACT <= x <= EXACT):
            self.tags.append(NUM)
            self.nums.append(x)
        elif x is None:
            self._entry(NIL, 0)
        elif x is True or x is False:
            self._entry(TRUE if x else FALSE, 0)
        elif isinstance(x, bytes):
            self.strs.append(x)
            self._entry(STR, len(x))
        elif isinstance(x, int | float):
            self._entry(NUM, _double(x, where))
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
            self._entry(OBJ, oid)

    def _contents(self, oid: int, x: Any, where: Any) -> None:
        self.starts.append(len(self.tags))
        if isinstance(x, dict):
            self.kinds.append(DICT)
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
            self.kinds.append(LIST)
            for i, v in enumerate(x):
                self.put(v, (where, i))
            self.counts.append(len(x))
        else:
            self.kinds.append(HANDLE)
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
        origin = ORIGIN.get(id(a))
        if origin is not None and origin[0]() is a:
            if self.rt.call(helper().isArray, origin[1], a):
                return origin[1]
        if a.dtype == np.bool_:
            a = a.view(np.uint8)
        if a.ndim == 0:
            a = a.reshape(1)
        from ._interop import from_numpy
        from .backend import torch_type_of

        try:
            if a.size == 0:
                return self.rt.call(helper().emptyTensor, torch_type_of(a.dtype))
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
